package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.Identifiers;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions.OnConflict;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.restore.MergeResult.TableMerge;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merge restores into a live database after an accidental DELETE: the test's own schema (an account table with a json
 * column, an identity key, a trigger and a child table; a table without a primary key) dumped, then 10% of the
 * accounts deleted (their entries with them, ON DELETE CASCADE), 5% updated and new rows added.
 */
class MergeRestoreTest {
    private final PgTestSupport pg = new PgTestSupport();
    private final MemoryArchive archive = new MemoryArchive();
    private PgConnectionSpec db;
    private Map<String, String> backedUpAccounts;

    @BeforeEach
    void backUpThenDamage() throws Exception {
        db = pg.freshDatabase("merge");
        pg.execute(db,
                "create table public.account (id int generated always as identity primary key, owner text not null,"
                        + " balance numeric(12,2), doc jsonb, spot point)",
                "create table public.entry (id bigint primary key, account_id int not null"
                        + " references public.account on delete cascade, amount numeric(12,2))",
                "create table public.audit (account_id int, at timestamptz default now())",
                "create function public.audit_insert() returns trigger language plpgsql as "
                        + "$$ begin insert into public.audit (account_id) values (new.id); return new; end $$",
                "create trigger account_audit after insert on public.account for each row "
                        + "execute function public.audit_insert()",
                "create table public.keyless (msg text)",
                "insert into public.account (owner, balance, doc, spot) select 'owner ' || g, g * 1.5, "
                        + "jsonb_build_object('n', g, 'tags', array['a', 'b']), point(g, -g) "
                        + "from generate_series(1, 1000) g",
                "insert into public.entry select g, 1 + g % 1000, g / 7.0 from generate_series(1, 3000) g",
                "insert into public.keyless values ('one'), ('two')",
                "truncate public.audit");
        archive.withEntries(new PgDumper().dump(db, DumpOptions.full(), archive));
        backedUpAccounts = rows("select id::text, a::text from public.account a");
        pg.execute(db,
                "delete from public.account where id % 10 = 0",
                "update public.account set balance = balance + 1000, doc = doc || '{\"changed\": true}' "
                        + "where id % 20 = 1",
                "insert into public.account (owner, balance) select 'new ' || g, 0 from generate_series(1, 50) g",
                "insert into public.keyless values ('three')",
                "truncate public.audit");
    }

    @AfterEach
    void dropDatabases() {
        pg.close();
    }

    @Test
    void skipBringsBackExactlyTheDeletedRowsAndKeepsTheCurrentOnes() throws Exception {
        Map<String, String> now = rows("select id::text, a::text from public.account a");
        MergeResult dry = MergeRestore.run(db, entries("account"), archive, OnConflict.SKIP, true);
        assertThat(rows("select id::text, a::text from public.account a")).as("a dry run changes nothing")
                .isEqualTo(now);

        MergeResult real = MergeRestore.run(db, entries("account"), archive, OnConflict.SKIP, false);

        assertThat(real.tables()).containsExactly(new TableMerge("public", "account", 1000, 100, 900, 0));
        assertThat(dry.tables()).isEqualTo(real.tables());
        Map<String, String> expected = new TreeMap<>(now);
        backedUpAccounts.forEach(expected::putIfAbsent); // deleted rows come back as they were, others stay
        Map<String, String> merged = rows("select id::text, a::text from public.account a");
        assertThat(merged).as("row by row").isEqualTo(expected);
        assertThat(merged.values()).filteredOn(r -> r.contains("changed")).hasSize(50);
        assertThat(pg.count(db, "select count(*) from public.audit")).as("the user trigger fired per inserted row")
                .isEqualTo(100);
    }

    @Test
    void overwriteAlsoRestoresTheUpdatedRowsAndKeepsNewOnes() throws Exception {
        MergeResult dry = MergeRestore.run(db, entries("account"), archive, OnConflict.OVERWRITE, true);
        MergeResult real = MergeRestore.run(db, entries("account"), archive, OnConflict.OVERWRITE, false);

        assertThat(real.tables()).containsExactly(new TableMerge("public", "account", 1000, 100, 850, 50));
        assertThat(dry).isEqualTo(new MergeResult(real.tables(), OnConflict.OVERWRITE, true));
        Map<String, String> merged = rows("select id::text, a::text from public.account a where id <= 1000");
        assertThat(merged).isEqualTo(backedUpAccounts);
        assertThat(pg.count(db, "select count(*) from public.account where owner like 'new %'")).isEqualTo(50);

        MergeResult again = MergeRestore.run(db, entries("account"), archive, OnConflict.OVERWRITE, false);
        assertThat(again.tables()).as("a second merge finds nothing to do")
                .containsExactly(new TableMerge("public", "account", 1000, 0, 1000, 0));
    }

    @Test
    void aMergeByPatternsMergesTheSelectedTables() throws Exception {
        RestoreOptions options = RestoreOptions.full().withTables("public.acc*").withMode(RestoreOptions.Mode.MERGE);

        MergeResult result = MergeRestore.run(PgTools.locate(), db, options, archive);

        assertThat(result.tables()).containsExactly(new TableMerge("public", "account", 1000, 100, 900, 0));
        assertThatThrownBy(() -> MergeRestore.run(PgTools.locate(), db, options.withTables("public.nothing*")
                .withMode(RestoreOptions.Mode.MERGE), archive))
                .isInstanceOfSatisfying(PgEngineException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.NOTHING_SELECTED))
                .hasMessageContaining("public.nothing*");
    }

    @Test
    void parentsAreMergedBeforeTheRowsThatReferenceThem() throws Exception {
        long entriesBefore = pg.count(db, "select count(*) from public.entry");
        assertThat(entriesBefore).as("the cascade took 10% of the entries").isEqualTo(2700);

        MergeResult result = MergeRestore.run(db, entries("entry", "account"), archive, OnConflict.SKIP, false);

        assertThat(result.tables()).extracting(TableMerge::table).containsExactly("account", "entry");
        assertThat(result.inserted()).isEqualTo(100 + 300);
        assertThat(pg.count(db, "select count(*) from public.entry")).isEqualTo(3000);
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
        DatabaseFingerprint before = TableChecksums.capture(db);

        assertThatThrownBy(() -> MergeRestore.run(db, entries("account", "keyless"), archive, OnConflict.SKIP,
                false)).isInstanceOfSatisfying(PgEngineException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_PRIMARY_KEY);
                    assertThat(e.getMessage()).contains("public.keyless").doesNotContain("public.account");
                });
        assertThat(TableChecksums.capture(db)).isEqualTo(before);
    }

    @Test
    void aTargetTheRowsDoNotFitFailsNamingTheTableAndKeepsEverything() throws Exception {
        PgConnectionSpec empty = pg.freshDatabase("merge empty");
        assertThatThrownBy(() -> MergeRestore.run(empty, entries("account"), archive, OnConflict.SKIP, false))
                .isInstanceOfSatisfying(PgEngineException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.RESTORE_FAILED))
                .hasMessageContaining("the target has no table public.account");

        pg.execute(db, "alter table public.entry add column note text not null default 'x'",
                "alter table public.entry alter column note drop default");
        assertThatThrownBy(() -> MergeRestore.run(db, entries("account", "entry"), archive, OnConflict.SKIP,
                false)).hasMessageContaining("column note of public.entry is NOT NULL without a default");

        pg.execute(db, "alter table public.entry drop column note", "alter table public.entry drop column amount",
                "alter table public.entry add column amount point");
        DatabaseFingerprint before = TableChecksums.capture(db);
        assertThatThrownBy(() -> MergeRestore.run(db, entries("account", "entry"), archive, OnConflict.SKIP,
                false)).isInstanceOfSatisfying(PgEngineException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RESTORE_FAILED);
                    assertThat(e.getMessage()).startsWith("merging public.entry: ").contains("type point");
                });
        assertThat(TableChecksums.capture(db)).as("account's merge was rolled back with entry's failure")
                .isEqualTo(before);
    }

    @Test
    void hostileNamesAreQuotedEverywhere() throws Exception {
        String schema = TargetInspectionTest.HOSTILE_SCHEMA;
        String table = TargetInspectionTest.HOSTILE;
        String qualified = Identifiers.qualified(schema, table);
        PgConnectionSpec hostile = pg.freshDatabase("merge hostile");
        pg.execute(hostile, "create schema " + Identifiers.quote(schema),
                "create table " + qualified + " (\"i\"\"d\" int, \"v'al\" text, primary key (\"i\"\"d\"))",
                "insert into " + qualified + " select g, 'v' || g from generate_series(1, 50) g");
        MemoryArchive dump = new MemoryArchive();
        dump.withEntries(new PgDumper().dump(hostile, DumpOptions.full(), dump));
        pg.execute(hostile, "delete from " + qualified + " where \"i\"\"d\" <= 5",
                "update " + qualified + " set \"v'al\" = 'changed' where \"i\"\"d\" = 6");
        List<DumpEntry> entries = dump.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();

        MergeResult result = MergeRestore.run(hostile, entries, dump, OnConflict.OVERWRITE, false);

        assertThat(result.tables()).containsExactly(new TableMerge(schema, table, 50, 5, 44, 1));
        assertThat(pg.count(hostile, "select count(*) from " + qualified + " where \"v'al\" = 'v' || \"i\"\"d\""))
                .isEqualTo(50);
    }

    /** pagila's actor_pkey_incl: ON CONFLICT names the key columns only, not those the index merely includes. */
    @Test
    void aPrimaryKeyWithIncludedColumnsMatchesByItsKeyColumns() throws Exception {
        PgConnectionSpec included = pg.freshDatabase("merge include");
        pg.execute(included, "create table person (id int, first text, last text, "
                        + "constraint person_pkey_incl primary key (id) include (first, last))",
                "insert into person select g, 'f' || g, 'l' || g from generate_series(1, 40) g");
        MemoryArchive dump = new MemoryArchive();
        dump.withEntries(new PgDumper().dump(included, DumpOptions.full(), dump));
        pg.execute(included, "delete from person where id <= 4", "update person set last = 'now' where id = 5");
        List<DumpEntry> entries = dump.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();

        MergeResult result = MergeRestore.run(included, entries, dump, OnConflict.SKIP, false);

        assertThat(result.tables()).containsExactly(new TableMerge("public", "person", 40, 4, 36, 0));
        assertThat(pg.count(included, "select count(*) from person")).isEqualTo(40);
        assertThat(pg.count(included, "select count(*) from person where last = 'now'")).isEqualTo(1);
    }

    private List<DumpEntry> entries(String... tables) {
        return List.of(tables).stream().map(t -> archive.entries().stream()
                .filter(e -> e.kind() == EntryKind.TABLE_DATA && e.table().equals(t)).findFirst().orElseThrow())
                .toList();
    }

    private Map<String, String> rows(String sql) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }
}
