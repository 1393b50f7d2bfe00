package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.PgDumper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How long a dry run takes on the e2e benchmark database (pgbench scale {@code ARCA_DRY_RUN_BENCH_SCALE}, 50 in the
 * benchmark: about 1 GB, plus {@code bench_mixed}), backed up to files. A measurement, run on demand only.
 */
class DryRunTimingTest {

    @Test
    void dryRunOfTheBenchmarkBackupTakesUnderTwoSeconds() throws Exception {
        String scale = System.getenv("ARCA_DRY_RUN_BENCH_SCALE");
        Assumptions.assumeTrue(scale != null, "set ARCA_DRY_RUN_BENCH_SCALE (e.g. 50) to measure dry runs");
        try (PgTestSupport pg = new PgTestSupport()) {
            PgConnectionSpec db = pg.freshDatabase("arca bench");
            Path pgbench = PgTools.locate().pgDump().resolveSibling("pgbench");
            ProcessBuilder init = new ProcessBuilder(pgbench.toString(), "-q", "-i", "-s", scale,
                    db.database()).inheritIO();
            init.environment().putAll(db.libpqEnvironment());
            assertThat(init.start().waitFor()).isZero();
            pg.execute(db, """
                    create table bench_mixed (id bigint primary key, title text, doc jsonb, blob bytea,
                      amount numeric(14,2), at timestamptz);
                    insert into bench_mixed
                    select g, md5(g::text) || ' ' || repeat(chr(97 + g % 26), 20 + g % 80),
                           jsonb_build_object('n', g, 'tags', jsonb_build_array('a' || g % 7, 'b' || g % 13)),
                           decode(md5(g::text) || md5((g * 7)::text), 'hex'), (g % 100000)::numeric(14,2),
                           timestamptz '2026-01-01' + g * interval '1 minute'
                    from generate_series(1, SCALE * 20000) g;
                    analyze;
                    """.replace("SCALE", scale));
            long size = pg.count(db, "select pg_database_size(current_database())");
            Path dir = Files.createTempDirectory("arca-dry-run-bench");
            DiskArchive archive = new DiskArchive(dir);
            archive.withEntries(new PgDumper().dump(db, DumpOptions.full(), archive));
            PgRestorer restorer = new PgRestorer();

            time("warm-up", () -> restorer.preview(db, RestoreOptions.full(), archive));
            long existing = time("whole backup into the backed-up database (existing, conflicting)",
                    () -> restorer.preview(db, RestoreOptions.full(), archive));
            long dropping = time("whole backup, dropExisting", () -> restorer.preview(db,
                    RestoreOptions.full().withDropExisting(true), archive));
            long fresh = time("whole backup into a new database", () -> restorer.preview(
                    db.withDatabase("arca_bench_absent"), RestoreOptions.full(), archive));
            long dataOnly = time("whole backup, dataOnly", () -> restorer.preview(db,
                    RestoreOptions.full().withDataOnly(true), archive));
            System.out.printf("database %d MB; dry runs: existing %d ms, dropExisting %d ms, new %d ms, "
                    + "dataOnly %d ms%n", size >> 20, existing, dropping, fresh, dataOnly);
            assertThat(Math.max(Math.max(existing, dropping), Math.max(fresh, dataOnly))).isLessThan(2000);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long time(String what, Supplier<RestorePreview> preview) {
        long start = System.nanoTime();
        RestorePreview p = preview.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: %d ms; %d tables, rows now %s, blocking %s%n", what, ms, p.tables().size(),
                p.tables().stream().map(t -> t.table() + "=" + t.rowsNow() + (t.rowsNowEstimated() ? "~" : ""))
                        .toList(), p.conflicts().blocking().size());
        return ms;
    }

    /** A {@link MemoryArchive} whose entries live in files (a 1 GB dump does not belong on the heap). */
    static final class DiskArchive extends MemoryArchive {
        private final Path dir;

        DiskArchive(Path dir) {
            this.dir = dir;
        }

        @Override
        public OutputStream openEntry(DumpEntry entry) {
            try {
                Path file = dir.resolve(entry.name());
                Files.createDirectories(file.getParent());
                return Files.newOutputStream(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public InputStream open(DumpEntry entry) {
            try {
                return Files.newInputStream(dir.resolve(entry.name()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public OptionalLong size(DumpEntry entry) {
            try {
                return OptionalLong.of(Files.size(dir.resolve(entry.name())));
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }
    }
}
