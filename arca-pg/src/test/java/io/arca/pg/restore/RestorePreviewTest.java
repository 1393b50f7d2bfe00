package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.RestoreOptions.Mode;
import io.arca.pg.RestoreOptions.OnConflict;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.restore.RestorePreview.MergeCounts;
import io.arca.pg.restore.RestorePreview.TablePreview;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dry runs over the test's own schema: a backup, then the live database damaged (10% of the accounts deleted, 5%
 * updated). Every preview is taken by {@link TargetUnchanged}, which proves the target did not change.
 */
class RestorePreviewTest {
    private final PgTestSupport pg = new PgTestSupport();
    private final MemoryArchive archive = new MemoryArchive().withKnownSizes();
    private final PgRestorer restorer = new PgRestorer();
    private PgConnectionSpec db;

    @BeforeEach
    void backUpThenDamage() throws Exception {
        db = pg.freshDatabase("preview");
        pg.execute(db,
                "create table public.account (id int generated always as identity primary key, owner text,"
                        + " balance numeric(12,2))",
                "create table public.entry (id bigint primary key, account_id int not null"
                        + " references public.account on delete cascade)",
                "create table public.keyless (msg text)",
                "create view public.rich as select * from public.account where balance > 1000",
                "insert into public.account (owner, balance) select 'owner ' || g, g from generate_series(1, 1000) g",
                "insert into public.entry select g, 1 + g % 1000 from generate_series(1, 2000) g",
                "insert into public.keyless values ('one')");
        archive.withEntries(new PgDumper().dump(db, DumpOptions.full(), archive));
        pg.execute(db, "delete from public.account where id % 10 = 0",
                "update public.account set balance = balance + 1 where id % 20 = 1");
    }

    @AfterEach
    void dropDatabases() {
        pg.close();
    }

    @Test
    void mergePreviewCountsWhatTheMergeThenDoes() throws Exception {
        RestoreOptions options = RestoreOptions.full().withTables("public.account").withMode(Mode.MERGE)
                .withOnConflict(OnConflict.OVERWRITE);

        RestorePreview preview = TargetUnchanged.preview(pg, db, () -> restorer.preview(db, options, archive));

        assertThat(preview.mode()).isEqualTo("merge");
        assertThat(preview.objectsToCreate()).isEmpty();
        assertThat(preview.tables()).singleElement().satisfies(t -> {
            assertThat(t.action()).isEqualTo("merge");
            assertThat(t.rows()).isEqualTo(1000);
            assertThat(t.bytes()).isEqualTo(archive.bytes.get(entry("account").name()).size());
            assertThat(t.rowsNow()).isEqualTo(900);
            assertThat(t.merge()).isEqualTo(new MergeCounts(100, 850, 50));
        });
        assertThat(preview.wouldOverwrite().tables()).extracting(ExistingTable::qualifiedName)
                .containsExactly("public.account");
        assertThat(preview.wouldOverwrite().rows()).isEqualTo(900);
        assertThat(preview.privilegesNeeded()).anyMatch(s -> s.startsWith("SELECT, INSERT and UPDATE"));
        assertThat(preview.privilegeProblems()).isEmpty();
        assertThat(preview.conflicts().blocking()).isEmpty();

        MergeResult merged = MergeRestore.run(db, List.of(entry("account")), archive, OnConflict.OVERWRITE, false);
        assertThat(merged.tables()).singleElement().satisfies(t ->
                assertThat(new MergeCounts(t.inserted(), t.skipped(), t.overwritten()))
                        .isEqualTo(preview.tables().getFirst().merge()));

        JsonNode json = new ObjectMapper().valueToTree(preview);
        assertThat(json.at("/tables/0/merge/inserted").asLong()).isEqualTo(100);
        assertThat(json.at("/wouldOverwrite/tables/0/rows").asLong()).isEqualTo(900);
    }

    @Test
    void aMergeTheTargetCannotTakeIsReportedNotThrown() throws Exception {
        RestoreOptions options = RestoreOptions.full().withTables("public.account", "public.keyless",
                "public.nothing*").withMode(Mode.MERGE);

        RestorePreview preview = TargetUnchanged.preview(pg, db, () -> restorer.preview(db, options, archive));

        assertThat(preview.conflicts().blocking()).singleElement().asString()
                .contains("primary key").contains("public.keyless");
        assertThat(preview.tables()).extracting(TablePreview::merge).containsOnlyNulls();
        assertThat(preview.unmatchedPatterns()).containsExactly("public.nothing*");
        assertThat(preview.wouldOverwrite().tables()).as("skip overwrites nothing").isEmpty();

        RestorePreview missing = restorer.preview(db.withDatabase("arca missing " + System.nanoTime()), options,
                archive);
        assertThat(missing.databaseExists()).isFalse();
        assertThat(missing.conflicts().blocking()).singleElement().asString().contains("does not exist");
    }

    @Test
    void replaceIntoTheLiveDatabaseNamesWhatExistsAndWhatDropExistingDrops() throws Exception {
        RestoreOptions options = RestoreOptions.full().withTables("public.account", "public.entry");

        RestorePreview conflicting = TargetUnchanged.preview(pg, db, () -> restorer.preview(db, options, archive));
        assertThat(conflicting.conflicts().existingTables()).extracting(ExistingTable::qualifiedName, ExistingTable::rows)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("public.account", 900L),
                        org.assertj.core.groups.Tuple.tuple("public.entry", 1800L));
        assertThat(conflicting.conflicts().blocking()).singleElement().asString().contains("dropExisting");
        assertThat(conflicting.objectsToDrop()).isEmpty();
        assertThat(conflicting.wouldOverwrite().tables()).isEmpty();

        RestorePreview dropping = TargetUnchanged.preview(pg, db, () -> restorer.preview(db,
                options.withDropExisting(true), archive));
        assertThat(dropping.conflicts().blocking()).isEmpty();
        assertThat(dropping.objectsToDrop()).containsEntry("TABLE", 2);
        assertThat(dropping.objectsToCreate()).containsEntry("TABLE", 2).containsKey("FK CONSTRAINT");
        assertThat(dropping.tables()).extracting(TablePreview::action).containsOnly("replace");
        assertThat(dropping.wouldOverwrite().rows()).isEqualTo(900 + 1800);
        assertThat(dropping.privilegesNeeded()).anyMatch(s -> s.startsWith("ownership of the existing tables"));
    }

    @Test
    void previewOfANewDatabaseEqualsWhatTheRestoreThenLoads() throws Exception {
        PgConnectionSpec fresh = pg.freshDatabase("preview fresh");
        RestorePreview preview = TargetUnchanged.preview(pg, fresh, () -> restorer.preview(fresh,
                RestoreOptions.full(), archive));

        assertThat(preview.conflicts().blocking()).isEmpty();
        assertThat(preview.objectsToCreate()).containsEntry("TABLE", 3).containsEntry("VIEW", 1);
        assertThat(preview.tables()).extracting(TablePreview::action).containsOnly("create");
        assertThat(preview.versions().difference()).isNull();
        assertThat(preview.versions().sourceMajor()).isEqualTo(preview.versions().targetMajor());

        RestoreResult restored = restorer.restore(fresh, RestoreOptions.full(), archive);
        assertThat(preview.rowsToLoad()).isEqualTo(restored.rowCounts().values().stream().mapToLong(n -> n).sum())
                .isEqualTo(1000 + 2000 + 1);
        assertThat(preview.bytesToLoad()).isEqualTo(archive.entries().stream()
                .filter(e -> e.kind() == EntryKind.TABLE_DATA).mapToLong(e -> archive.bytes.get(e.name()).size())
                .sum());
    }

    @Test
    void aMergePreviewNamesThePrivilegesTheRoleLacks() throws Exception {
        String role = "arca_preview_" + Long.toHexString(System.nanoTime());
        pg.execute(pg.spec("postgres"), "CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
        try {
            pg.execute(db, "GRANT SELECT ON public.account TO " + role, "GRANT USAGE ON SCHEMA public TO " + role);
            PgConnectionSpec asRole = new PgConnectionSpec(db.host(), db.port(), db.database(), role, "pw",
                    "disable");
            RestoreOptions options = RestoreOptions.full().withTables("public.account").withMode(Mode.MERGE)
                    .withOnConflict(OnConflict.OVERWRITE);

            RestorePreview preview = TargetUnchanged.preview(pg, db, () -> restorer.preview(asRole, options,
                    archive));

            assertThat(preview.privilegeProblems()).containsExactly("merging into public.account needs INSERT, "
                    + "UPDATE on it, which user " + role + " lacks");
            assertThat(preview.tables().getFirst().merge()).as("the merge would fail: no counts").isNull();
        } finally {
            pg.close();
            pg.execute(pg.spec("postgres"), "DROP ROLE " + role);
        }
    }

    private DumpEntry entry(String table) {
        return archive.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA && e.table().equals(table))
                .findFirst().orElseThrow();
    }
}
