package io.arca.scheduler.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler replicas (two threads, each with its own connection and transactions, claiming small batches so
 * they interleave) tick together over simulated hours against one catalog: every slot of every schedule fires exactly
 * once. A third replica that claims a batch and dies before committing loses nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class TwoReplicasTest {
    private static final Instant START = Instant.parse("2031-06-01T00:00:00Z");
    /** Every n minutes, n a divisor of 60: the slots are every n minutes across hours too. */
    private static final int[] EVERY_MINUTES = {1, 2, 3, 5, 6, 10, 15, 30};

    @Inject
    DueSchedules due;
    @Inject
    AgroalDataSource db;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void twoReplicasOverManyTicksFireEverySlotExactlyOnceAndAKilledClaimLosesNothing() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        // other tests' schedules (same catalog) would be due too: this test counts claims
        rows.exec("update schedules set enabled = false where tenant_id <> ?", rows.tenantId);
        List<UUID> schedules = new ArrayList<>();
        for (int minutes : EVERY_MINUTES) {
            for (int copy = 0; copy < 3; copy++) {
                schedules.add(ScheduleRows.schedule(rows, "*/" + minutes + " * * * *", "UTC", "queue", START));
            }
        }
        Duration tick = Duration.ofSeconds(20);
        int ticks = (int) (Duration.ofHours(2).toSeconds() / tick.toSeconds());

        // a replica claims (and fires) the first batch, then dies before committing: its rows stay locked meanwhile
        try (Connection killed = DriverManager.getConnection(jdbcUrl, user, password)) {
            killed.setAutoCommit(false);
            assertThat(due.fireBatch(killed, START, 5)).isEqualTo(5);
            try (Connection other = db.getConnection()) {
                other.setAutoCommit(false);
                assertThat(due.fireBatch(other, START, 100)).as("the locked rows are skipped, not waited for")
                        .isEqualTo(schedules.size() - 5);
                other.rollback();
            }
        } // closed without commit: the server rolls the transaction back

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> handled = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                handled.add(replicas.submit(() -> {
                    int total = 0;
                    try (Connection c = db.getConnection()) {
                        c.setAutoCommit(false);
                        for (int i = 0; i < ticks; i++) {
                            Instant now = START.plus(tick.multipliedBy(i));
                            together.await();
                            int batch;
                            do {
                                batch = due.fireBatch(c, now, 3);
                                c.commit();
                                total += batch;
                            } while (batch == 3);
                        }
                    }
                    return total;
                }));
            }
            assertThat(handled.get(0).get() + handled.get(1).get()).isPositive();
            assertThat(handled.get(0).get()).as("both replicas fired").isPositive();
            assertThat(handled.get(1).get()).as("both replicas fired").isPositive();
        } finally {
            replicas.shutdownNow();
        }

        Instant last = START.plus(tick.multipliedBy(ticks - 1));
        for (int s = 0; s < schedules.size(); s++) {
            int minutes = EVERY_MINUTES[s / 3];
            long expected = Duration.between(START, last).toMinutes() / minutes + 1;
            UUID schedule = schedules.get(s);
            assertThat(rows.count("select count(*) from backups where schedule_id = ?", schedule))
                    .as("every %d minutes", minutes).isEqualTo(expected);
            assertThat(rows.count("select count(distinct scheduled_for) from backups where schedule_id = ? "
                    + "and extract(epoch from scheduled_for)::bigint % ? = 0", schedule, minutes * 60L))
                    .as("one backup per slot, each on its slot").isEqualTo(expected);
            assertThat(rows.count("select count(*) from schedule_fires where schedule_id = ? and outcome = "
                    + "'created' and backup_id is not null", schedule)).isEqualTo(expected);
        }
        assertThat(rows.count("select count(*) from backups where tenant_id = ? and late_by_ms >= 20000",
                rows.tenantId)).as("ticks every 20 s: no fire is a tick late").isZero();
    }
}
