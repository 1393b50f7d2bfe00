package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backup and full restore through the whole system: API, outbox relay, Kafka, worker, bucket, catalog. */
class RoundTripSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static ArcaSystem arca;
    private static SourceDatabases sources;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.start(Map.of());
        sources = new SourceDatabases(arca.env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (arca != null) {
            arca.close();
        }
    }

    @Test
    void generatedDatabaseRoundTrips() throws Exception {
        roundTrip(sources.mixedTypes(50_000));
    }

    @Test
    void pagilaRoundTrips() throws Exception {
        Optional<String> pagila = sources.pagila();
        Assumptions.assumeTrue(pagila.isPresent(), "pagila dataset not found (set ARCA_DATASETS_DIR or put it at "
                + "../shared/datasets/pagila next to the repository)");
        roundTrip(pagila.get());
    }

    private void roundTrip(String database) throws Exception {
        String target = database + "_restored";
        try {
            UUID source = arca.createSource(database);
            UUID backup = arca.requestBackup(source);
            JsonPath done = arca.awaitBackup(backup, WAIT);
            assertThat(done.getString("state")).as("backup %s: %s", backup, done.getString("error")).isEqualTo("completed");
            assertThat(done.getLong("result.logicalSize")).isPositive();
            assertThat(done.getString("result.manifestKey")).endsWith(backup + "/manifest");

            UUID restore = arca.requestRestore(backup, source, target);
            JsonPath restored = arca.awaitRestore(restore, WAIT);
            assertThat(restored.getString("state")).as("restore %s: %s", restore, restored.getString("error"))
                    .isEqualTo("completed");
            assertThat(restored.getInt("progress.tablesDone")).isEqualTo(restored.getInt("progress.tablesTotal"));

            DatabaseFingerprint original = TableChecksums.capture(sources.spec(database));
            DatabaseFingerprint copy = TableChecksums.capture(sources.spec(target));
            assertThat(copy.differencesFrom(original)).isEmpty();
            assertThat(original.tables()).isNotEmpty();
        } finally {
            sources.drop(target);
            sources.drop(database);
        }
    }
}
