package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.SampleDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Post-data split by table: a loaded table's own indexes and constraints first, the rest (foreign keys, ...) last. */
class PostDataScheduleTest {
    private static PgTestSupport pg;
    private static PgConnectionSpec source;
    private static DumpResult dump;
    private static MemoryArchive archive;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgTestSupport();
        source = pg.freshDatabase("arca post-data split");
        try (Connection c = pg.connect(source)) {
            SampleDatabase.load(c);
        }
        archive = new MemoryArchive();
        dump = new PgDumper().dump(source, DumpOptions.full(), archive);
        archive.withEntries(dump);
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theDumpMapsATablesOwnIndexesAndConstraintsToItsDataEntryButNotForeignKeys() throws Exception {
        Map<String, String> split = dump.postDataItemTables();

        assertThat(split).containsEntry(constraintKey("book_pkey"), dataEntry("book"))
                .containsEntry(indexKey("book_title_idx"), dataEntry("book"))
                .containsEntry(indexKey("book_search_idx"), dataEntry("book"))
                .containsEntry(constraintKey("author_pkey"), dataEntry("author"))
                .containsEntry(constraintKey("event_2024_pkey"), dataEntry("event_2024"))
                .doesNotContainKey(constraintKey("book_author_id_fkey"))
                .doesNotContainKey(constraintKey("event_pkey")); // the partitioned parent has no rows of its own
    }

    @Test
    void aLoadedTablesItemsAreBuiltAtOnceAShortLoadsWaitAndTheRestComesLast() throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca post-data split target");
        SchemaRestore.run(PgTools.locate(), target, DumpEntry.preData(), archive, RestoreOptions.full());
        DumpEntry postData = DumpEntry.postData();

        try (PostDataSchedule schedule = PostDataSchedule.prepare(PgTools.locate(), target, RestoreOptions.full(),
                postData, archive, Duration.ofSeconds(1))) {
            schedule.tableLoaded(data("book"), Duration.ofSeconds(5));
            assertThat(objects(target)).contains("book_pkey", "book_title_idx", "book_search_idx")
                    .doesNotContain("book_author_id_fkey", "author_pkey", "event_pkey");

            schedule.tableLoaded(data("author"), Duration.ofMillis(10)); // under a second: not worth a process
            assertThat(objects(target)).doesNotContain("author_pkey");

            schedule.finish();
        }
        assertThat(objects(target)).contains("book_pkey", "book_title_idx", "author_pkey", "book_author_id_fkey",
                "event_pkey", "event_2024_pkey");
        assertThat(pg.count(target, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    @Test
    void aTableWhoseKeyCannotBeBuiltFailsTheRestoreNamingTheTable() throws Exception {
        MemoryArchive twice = new MemoryArchive();
        twice.withEntries(new PgDumper().dump(source, DumpOptions.full(), twice));
        java.io.ByteArrayOutputStream book = twice.bytes.get(dataEntry("book"));
        book.write(book.toByteArray()); // every row twice: the primary key cannot be built
        PgConnectionSpec target = pg.freshDatabase("arca post-data split failure");

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new PgRestorer(PgTools.locate(), Duration.ZERO).restore(target, RestoreOptions.full(), twice))
                .isInstanceOfSatisfying(PgEngineException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PgEngineException.Reason.RESTORE_FAILED);
                    assertThat(e.getMessage()).contains("indexes and constraints of public.book")
                            .contains("could not create unique index");
                });
    }

    @Test
    void aListingLineItCannotReadMakesTheRestoreApplyPostDataWhole() {
        Map<String, String> split = Map.of("2606/17782", "data/17767");
        var items = PostDataSchedule.split(java.util.List.of(";", "; Archive created at 2026-11-26", "",
                "3215; 2606 17782 CONSTRAINT public pgbench_accounts pgbench_accounts_pkey arca",
                "3219; 2606 17789 CONSTRAINT public bench_mixed bench_mixed_pkey arca"), split);
        assertThat(items).extracting(PostDataSchedule.Item::dataEntry).containsExactly("data/17767", null);

        assertThat(PostDataSchedule.split(java.util.List.of(
                "3215; 2606 17782 CONSTRAINT public pgbench_accounts pgbench_accounts_pkey arca",
                "3216 (a format this class does not know)"), split)).isNull();
    }

    /** Names of the target's public constraints and indexes. */
    /**
     * Foreign keys that reference each other's tables (pagila's store and staff) must not be created at once by
     * parallel pg_restore jobs: they lock the two tables in opposite order and deadlocked (seen once in a system
     * test; the window is too small to hit on demand). They run after the parallel items, in one session: which
     * listing lines count as foreign keys is checked here, and that such cycles restore with four jobs below.
     */
    @Test
    void foreignKeyItemsAreRecognisedInTheListing() {
        assertThat(SchemaRestore.isForeignKey("3412; 2606 18143 FK CONSTRAINT public store store_manager_staff_id_fkey "
                + "arca")).isTrue();
        assertThat(SchemaRestore.isForeignKey("3380; 2606 18131 CONSTRAINT public store store_pkey arca")).isFalse();
        assertThat(SchemaRestore.isForeignKey("3390; 1259 18150 INDEX public idx FK CONSTRAINT arca")).isFalse();
        assertThat(SchemaRestore.isForeignKey(";3412; 2606 18143 FK CONSTRAINT public a b c")).isFalse();

        // a key's comment names the key, so it goes with the keys; other comments stay where they were
        List<String> keys = new ArrayList<>();
        List<String> others = new ArrayList<>();
        SchemaRestore.splitForeignKeys(List.of(
                "10; 2606 1 CONSTRAINT public t t_pkey arca",
                "11; 0 0 COMMENT public CONSTRAINT t_pkey ON t arca",
                "12; 2606 2 FK CONSTRAINT public c c_t_fkey arca",
                "13; 0 0 COMMENT public CONSTRAINT c_t_fkey ON c arca",
                "14; 2620 3 TRIGGER public c c_audit arca",
                "15; 0 0 COMMENT public TRIGGER c_audit ON c arca"), keys, others);
        assertThat(keys).containsExactly("12; 2606 2 FK CONSTRAINT public c c_t_fkey arca",
                "13; 0 0 COMMENT public CONSTRAINT c_t_fkey ON c arca");
        assertThat(others).containsExactly("10; 2606 1 CONSTRAINT public t t_pkey arca",
                "11; 0 0 COMMENT public CONSTRAINT t_pkey ON t arca", "14; 2620 3 TRIGGER public c c_audit arca",
                "15; 0 0 COMMENT public TRIGGER c_audit ON c arca");
    }

    @Test
    void foreignKeyCyclesRestoreWithParallelJobs() throws Exception {
        PgConnectionSpec cyclic = pg.freshDatabase("arca fk cycles");
        for (int i = 0; i < 4; i++) {
            pg.execute(cyclic, "create table a" + i + " (id int primary key, b_id int)",
                    "create table b" + i + " (id int primary key, a_id int references a" + i + ")",
                    "alter table a" + i + " add foreign key (b_id) references b" + i,
                    "insert into a" + i + " select g, null from generate_series(1, 2000) g",
                    "insert into b" + i + " select g, g from generate_series(1, 2000) g",
                    "update a" + i + " set b_id = id");
        }
        MemoryArchive cycles = new MemoryArchive();
        cycles.withEntries(new PgDumper().dump(cyclic, DumpOptions.full(), cycles));
        for (int round = 0; round < 5; round++) {
            PgConnectionSpec target = pg.freshDatabase("arca fk cycles target " + round);
            new PgRestorer(PgTools.locate(), Duration.ofHours(1)).restore(target,
                    RestoreOptions.full().withParallelism(4), cycles);
            assertThat(pg.count(target, "select count(*) from pg_constraint where contype = 'f'")).isEqualTo(8);
        }
    }

    private static java.util.Set<String> objects(PgConnectionSpec target) throws Exception {
        try (Connection c = pg.connect(target); var s = c.createStatement(); var rs = s.executeQuery("""
                SELECT string_agg(name, ' ') FROM (
                  SELECT conname::text AS name FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                  UNION SELECT relname::text FROM pg_class WHERE relkind IN ('i', 'I')
                    AND relnamespace = 'public'::regnamespace) o
                """)) {
            rs.next();
            String names = rs.getString(1);
            return names == null ? java.util.Set.of() : java.util.Set.of(names.split(" "));
        }
    }

    private static DumpEntry data(String table) {
        return dump.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA && e.schema().equals("public")
                && e.table().equals(table)).findFirst().orElseThrow();
    }

    private static String dataEntry(String table) {
        return data(table).name();
    }

    private static String constraintKey(String name) throws Exception {
        return pg.count(source, "SELECT 'pg_constraint'::regclass::oid::bigint") + "/"
                + pg.count(source, "SELECT oid::bigint FROM pg_constraint WHERE conname = '" + name + "'");
    }

    private static String indexKey(String name) throws Exception {
        return pg.count(source, "SELECT 'pg_class'::regclass::oid::bigint") + "/"
                + pg.count(source, "SELECT oid::bigint FROM pg_class WHERE relname = '" + name + "' AND relkind = 'i'");
    }
}
