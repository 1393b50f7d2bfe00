package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.dump.PgDumper;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.Datasets;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dump and restore into a new database: every table, sequence and schema object comes back equal, with large tables
 * split into block ranges (dumped and loaded in parallel) or whole.
 */
class RoundTripTest {
    /** Two blocks: the sample's and pagila's larger tables are dumped as block ranges and loaded in parallel. */
    private static final long SPLIT = 2 * 8192;
    private static PgTestSupport pg;

    @BeforeAll
    static void setUp() {
        pg = new PgTestSupport();
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void sampleDatabaseWithWeirdIdentifiersRoundTrips() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca sample ü");
        try (Connection c = pg.connect(source)) {
            SampleDatabase.load(c);
        }
        DumpAndRestore run = DumpAndRestore.of(pg, source, DumpOptions.full().withParallelism(3)
                .withSplitBytes(SPLIT));
        assertThat(run.result().tableRanges()).as("tables split into two-block ranges").isNotEmpty();

        assertThat(run.result().entries()).extracting(DumpEntry::kind).first().isEqualTo(EntryKind.PRE_DATA);
        assertThat(run.result().entries()).extracting(DumpEntry::name).last().isEqualTo(DumpEntry.POST_DATA);
        assertThat(run.result().entries()).allSatisfy(e -> assertThat(e.name()).matches("[a-z0-9/_.-]+"));
        assertThat(run.result().rowCount(SampleDatabase.WEIRD_SCHEMA, SampleDatabase.WEIRD_TABLE)).isEqualTo(5);
        assertThat(run.result().rowCount("public", "event")).as("partitioned parent has no data of its own")
                .isEqualTo(-1);
        assertThat(run.result().rowCount("public", "event_other")).isPositive();
        assertThat(run.result().rowCount("public", "book")).isEqualTo(6001);

        DatabaseFingerprint original = TableChecksums.capture(source);
        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        assertThat(restored.differencesFrom(original)).isEmpty();
        assertThat(original.tables()).containsKey("my schema.Weird \"Name\" ü");
        assertThat(original.sequences()).containsEntry("public.standalone_seq", "1002");
        assertThat(original.views()).anyMatch(v -> v.startsWith("my schema.Weird view ü"));
        assertThat(original.materializedViews()).anyMatch(v -> v.startsWith("public.price_stats"));
        assertThat(original.triggers()).anyMatch(t -> t.startsWith("public.book.book_audit"));
        assertThat(original.functions()).contains("\"my schema\".\"Grüße\"(text)");
        assertThat(original.indexes()).anyMatch(i -> i.startsWith("my schema.Weird index ü"));
        assertThat(restored.tables().get("public.book").rowCount()).isEqualTo(6001);
        assertThat(original.largeObjects().rowCount()).isEqualTo(2);
        assertThat(run.result().entries()).contains(DumpEntry.largeObjects());
    }

    @Test
    void dropExistingRestoresOverAChangedCopy() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca overwrite");
        try (Connection c = pg.connect(source)) {
            SampleDatabase.load(c);
        }
        DumpAndRestore run = DumpAndRestore.of(pg, source, DumpOptions.full());
        pg.execute(run.target(), "DELETE FROM public.book WHERE id % 2 = 0",
                "ALTER TABLE public.author ADD COLUMN extra int", "DROP VIEW public.author_books",
                "CREATE TABLE public.not_in_dump (id int)");

        new PgRestorer().restore(run.target(), RestoreOptions.full().withDropExisting(true), run.archive());

        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        assertThat(restored.tables()).containsKey("public.not_in_dump");
        restored.tables().remove("public.not_in_dump");
        assertThat(restored.differencesFrom(TableChecksums.capture(source))).isEmpty();
    }

    @Test
    void anArchiveWithoutThePostDataSplitRestoresPostDataAfterAllData() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca unsplit");
        try (Connection c = pg.connect(source)) {
            SampleDatabase.load(c);
        }
        MemoryArchive archive = new MemoryArchive();
        archive.withEntries(new PgDumper().dump(source, DumpOptions.full(), archive)).withoutPostDataSplit();
        PgConnectionSpec target = pg.freshDatabase("arca unsplit restored");

        new PgRestorer().restore(target, RestoreOptions.full(), archive);

        assertThat(TableChecksums.capture(target).differencesFrom(TableChecksums.capture(source))).isEmpty();
    }

    @Test
    void pagilaRoundTrips() throws Exception {
        Path pagila = Datasets.requirePagila();
        PgConnectionSpec source = pg.freshDatabase("pagila");
        pg.loadSqlFile(source, pagila.resolve("pagila-schema.sql"));
        pg.loadSqlFile(source, pagila.resolve("pagila-data.sql"));

        DumpAndRestore run = DumpAndRestore.of(pg, source, DumpOptions.full().withSplitBytes(SPLIT));

        assertThat(run.result().rowCount("public", "rental")).isEqualTo(16044);
        assertThat(run.result().tableRanges().keySet()).as("rental and the other large tables are split")
                .hasSizeGreaterThan(3);
        DatabaseFingerprint original = TableChecksums.capture(source);
        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        assertThat(restored.differencesFrom(original)).isEmpty();
        assertThat(original.tables()).hasSizeGreaterThan(15);
        assertThat(original.sequences()).containsKey("public.actor_actor_id_seq");
        assertThat(original.views()).isNotEmpty();
        assertThat(original.materializedViews()).isNotEmpty();
        assertThat(original.triggers()).isNotEmpty();
        assertThat(original.functions()).isNotEmpty();
        assertThat(restored.tables().get("public.payment").rowCount()).as("partitioned, via its partitions")
                .isEqualTo(16044);
    }
}
