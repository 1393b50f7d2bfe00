package io.arca.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.testing.ArcaInfraTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class JobStateGaugesTest {
    @Inject
    JobStateGauges gauges;
    @Inject
    MeterRegistry registry;
    @Inject
    AgroalDataSource db;

    @Test
    void countsJobsByKindAndState() throws Exception {
        gauges.refresh();
        double before = value("backup", "pending");
        UUID tenant = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into tenants (id, name) values ('" + tenant + "', 'g-" + tenant + "')");
            s.execute("insert into sources (id, tenant_id, name, host, port, database_name, username, password_sealed) "
                    + "values ('" + source + "', '" + tenant + "', 's', 'h', 5432, 'd', 'u', '\\x00'::bytea)");
            for (int i = 0; i < 3; i++) {
                s.execute("insert into backups (id, tenant_id, source_id, type, options, state) values ('"
                        + UUID.randomUUID() + "', '" + tenant + "', '" + source + "', 'full', '{}', 'pending')");
            }
        }
        gauges.refresh();
        assertThat(value("backup", "pending")).isEqualTo(before + 3);
        assertThat(registry.find("arca.jobs").tag("kind", "restore").tag("state", "failed").gauge()).isNotNull();
    }

    private double value(String kind, String state) {
        return registry.get("arca.jobs").tag("kind", kind).tag("state", state).gauge().value();
    }
}
