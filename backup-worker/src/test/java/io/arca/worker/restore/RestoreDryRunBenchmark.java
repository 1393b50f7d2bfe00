package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dry-run time on a backup of the e2e benchmark's size (docs/benchmarks.md, "Dry run"): pgbench at scale
 * {@code -Darca.bench.scale} (default 50, about 750 MB on disk) is backed up, then previewed {@value #RUNS} times into
 * a new database and into the backed-up database itself (every table exists there). Not a test of the suite (the name
 * does not end in Test): {@code deploy/local/arca-local test -pl backup-worker -am -Dtest=RestoreDryRunBenchmark}.
 * Prints each run's job time ({@code finished_at - started_at}) and request-to-completed time, and their medians.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreDryRunBenchmark {
    private static final int RUNS = 5;

    @Inject
    AgroalDataSource db;

    @Test
    void dryRunOfABenchmarkSizedBackup() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        int scale = Integer.getInteger("arca.bench.scale", 50);
        String database = new TestDatabases(f.env).createFresh("dryrun_bench");
        ProcessBuilder pgbench = new ProcessBuilder(Path.of(io.arca.pg.PgTools.locate().pgDump().getParent()
                .toString(), "pgbench").toString(), "-i", "-q", "-s", String.valueOf(scale), "-h", f.env.pgHost(), "-p",
                String.valueOf(f.env.pgPort()), "-U", f.env.pgUser(), database).inheritIO();
        pgbench.environment().put("PGPASSWORD", f.env.pgPassword());
        assertThat(pgbench.start().waitFor()).isZero();
        try {
            UUID source = f.source(database);
            long t0 = System.nanoTime();
            UUID backup = f.completedBackup(source, "{}");
            System.out.printf("dry-run benchmark: scale %d, %s on disk, backup %d ms, %s stored in %s chunks%n",
                    scale, f.text("select pg_size_pretty(pg_database_size(?))", database),
                    (System.nanoTime() - t0) / 1_000_000,
                    f.text("select pg_size_pretty(stored_size) from backups where id = ?", backup),
                    f.text("select count(*) from backup_chunks where backup_id = ?", backup));
            for (String target : List.of("dryrun_new_" + UUID.randomUUID().toString().substring(0, 8), database)) {
                List<Long> job = new ArrayList<>();
                List<Long> wall = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    UUID dryRun = restores.pending(backup, source, target, "{}", true);
                    long start = System.nanoTime();
                    assertThat(restores.run(dryRun, 1)).isEqualTo("completed");
                    wall.add((System.nanoTime() - start) / 1_000_000);
                    job.add(Long.parseLong(f.text("select (extract(epoch from finished_at - started_at) * 1000)"
                            + "::bigint from restores where id = ?", dryRun)));
                    if (i == 0) {
                        System.out.printf("dry-run benchmark: preview bucket %s estimate %s%n",
                                f.text("select preview->'bucket' from restores where id = ?", dryRun),
                                f.text("select preview->'estimate' from restores where id = ?", dryRun));
                    }
                }
                System.out.printf("dry-run benchmark: into %s: job ms %s (median %d), request to completed ms %s "
                        + "(median %d)%n", target.equals(database) ? "the backed-up database" : "a new database", job,
                        median(job), wall, median(wall));
            }
        } finally {
            new TestDatabases(f.env).drop(database);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
