package io.arca.scheduler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The gc starter against the real catalog, with "now" passed in (default grace period: 24 h). */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class GcStarterTest {
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    @Inject
    GcStarter starter;
    @Inject
    AgroalDataSource db;

    @Test
    void aTenantWithChunksGetsOneRunWithItsCutoffAndNoSecondWhileItIsUnfinished() throws Exception {
        CatalogRows withChunks = new CatalogRows(db);
        withChunks.exec("insert into chunks (tenant_id, name, stored_size) values (?, ?, 1)", withChunks.tenantId,
                "ab".repeat(32));
        CatalogRows withoutChunks = new CatalogRows(db);

        List<UUID> started = starter.start(NOW);
        String run = withChunks.text("select id::text from gc_runs where tenant_id = ?", withChunks.tenantId);
        assertThat(started).contains(UUID.fromString(run));
        assertThat(withChunks.text("select concat_ws('/', state, trigger, grace_seconds, cutoff = ?::timestamptz) "
                + "from gc_runs where id = ?::uuid", "2026-11-29T03:00:00Z", run))
                .isEqualTo("pending/schedule/86400/t");
        assertThat(withChunks.text("select concat_ws('/', message_key, payload->>'kind', payload->>'sourceId') "
                + "from outbox where stream = 'jobs' and payload->>'jobId' = ?", run))
                .isEqualTo(withChunks.tenantId + "/gc/" + withChunks.tenantId);
        assertThat(withoutChunks.count("select count(*) from gc_runs where tenant_id = ?", withoutChunks.tenantId))
                .isZero();

        assertThat(starter.start(NOW.plusSeconds(3600))).doesNotContain(UUID.fromString(run));
        assertThat(withChunks.count("select count(*) from gc_runs where tenant_id = ?", withChunks.tenantId))
                .isEqualTo(1);

        withChunks.exec("update gc_runs set state = 'completed' where id = ?::uuid", run);
        assertThat(starter.start(NOW.plusSeconds(7200))).hasSizeGreaterThanOrEqualTo(1);
        assertThat(withChunks.count("select count(*) from gc_runs where tenant_id = ?", withChunks.tenantId))
                .isEqualTo(2);
    }

    /** Replicas ticking at once: each tenant gets exactly one run, whatever the interleaving. */
    @Test
    void startersRunningAtOnceRecordOneRunPerTenant() throws Exception {
        List<CatalogRows> tenants = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CatalogRows rows = new CatalogRows(db);
            rows.exec("insert into chunks (tenant_id, name, stored_size) values (?, ?, 1)", rows.tenantId,
                    "cd".repeat(32));
            tenants.add(rows);
        }
        List<UUID> all = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<List<UUID>>> ticks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<List<UUID>> tick = () -> starter.start(NOW);
                ticks.add(threads.submit(tick));
            }
            for (Future<List<UUID>> tick : ticks) {
                all.addAll(tick.get());
            }
        }
        assertThat(all).doesNotHaveDuplicates();
        for (CatalogRows rows : tenants) {
            assertThat(rows.count("select count(*) from gc_runs where tenant_id = ?", rows.tenantId)).isEqualTo(1);
        }
    }
}
