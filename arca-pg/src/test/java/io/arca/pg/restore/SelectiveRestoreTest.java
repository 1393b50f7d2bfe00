package io.arca.pg.restore;

import static io.arca.pg.restore.RestoreFixtures.about;
import static io.arca.pg.restore.RestoreFixtures.allBut;
import static io.arca.pg.restore.RestoreFixtures.schemaDump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpOptions;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restores of selected tables from a backup of the "stress" database (Arca's sample database plus the stress schema)
 * into new and existing databases: the two tables come back whole (rows, indexes, constraints, owned sequence,
 * foreign key between them) and nothing else in the target changes.
 */
class SelectiveRestoreTest {
    static final List<String> TABLES = List.of("public.stress", "public.stress_child");
    static final List<String> SEQUENCES = List.of("public.stress_child_id_seq");
    static PgTestSupport pg;
    static PgConnectionSpec source;
    static MemoryArchive archive;
    static DatabaseFingerprint original;
    final PgRestorer restorer = new PgRestorer();

    @BeforeAll
    static void backUp() throws Exception {
        pg = new PgTestSupport();
        source = pg.freshDatabase("arca selective source");
        try (Connection c = pg.connect(source); Statement s = c.createStatement()) {
            SampleDatabase.load(c);
            s.execute(SampleDatabase.stressScript());
            s.execute("SELECT setval('public.stress_child_id_seq', 77)");
        }
        archive = new MemoryArchive();
        DumpResult result = new PgDumper().dump(source, DumpOptions.full(), archive);
        archive.withEntries(result);
        original = TableChecksums.capture(source);
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    static RestoreOptions twoTables() {
        return RestoreOptions.full().withTables("public.stress", "public.stress_child");
    }

    /** A database holding tables of its own, one of them with a foreign key to a table named like a restored one. */
    static PgConnectionSpec databaseWithOtherTables() throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca selective target");
        pg.execute(target, "CREATE TABLE public.other (id int PRIMARY KEY, v text)",
                "INSERT INTO public.other SELECT g, 'row ' || g FROM generate_series(1, 500) g",
                "CREATE SCHEMA app", "CREATE TABLE app.orders (id bigserial PRIMARY KEY, note text)",
                "INSERT INTO app.orders (note) SELECT 'n' || g FROM generate_series(1, 50) g");
        return target;
    }

    @Test
    void twoTablesIntoAnExistingDatabaseComeBackWholeAndTouchNothingElse() throws Exception {
        PgConnectionSpec target = databaseWithOtherTables();
        DatabaseFingerprint before = TableChecksums.capture(target);

        RestoreResult result = restorer.restore(target, twoTables(), archive, TargetDatabase.EXISTING);

        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(allBut(after, TABLES)).isEqualTo(allBut(before, TABLES));
        assertThat(about(after, TABLES, SEQUENCES)).isEqualTo(about(original, TABLES, SEQUENCES));
        assertThat(about(after, TABLES, SEQUENCES)).anyMatch(l -> l.contains("stress_t_idx"))
                .anyMatch(l -> l.contains("stress_child_stress_id_fkey")).contains("sequence public.stress_child_id_seq 77");
        assertThat(after.tables()).doesNotContainKeys("public.book", "public.author", "my schema.Weird \"Name\" ü");
        assertThat(after.constraints()).as("the domain the target lacked was created")
                .anyMatch(c -> c.startsWith("public..year_check"));
        assertThat(result.rowsByTable()).containsOnlyKeys(TABLES)
                .containsEntry("public.stress", original.tables().get("public.stress").rowCount());
        assertThat(result.foreignKeysLeftOut()).isEmpty();
    }

    @Test
    void aPlanSaysWhatItCreates() {
        RestorePlan plan = RestorePlan.of(PgTools.locate(), archive, twoTables());
        assertThat(plan.tables()).extracting(e -> e.qualifiedTable()).containsExactlyInAnyOrderElementsOf(TABLES);
        assertThat(plan.relationsToCreate()).containsExactlyInAnyOrder("public.stress", "public.stress_child",
                "public.stress_child_id_seq");
        assertThat(plan.objectsByKind()).containsEntry("TABLE", 2).containsEntry("SEQUENCE", 1)
                .containsEntry("FK CONSTRAINT", 1).containsEntry("INDEX", 1).doesNotContainKey("VIEW")
                .doesNotContainKey("TRIGGER").doesNotContainKey("MATERIALIZED VIEW");
        assertThat(plan.schemas()).contains("public");
        assertThat(plan.unmatchedPatterns()).isEmpty();
        RestorePlan missing = RestorePlan.of(PgTools.locate(), archive,
                RestoreOptions.full().withTables("public.stress", "public.nope*"));
        assertThat(missing.unmatchedPatterns()).containsExactly("public.nope*");
    }

    @Test
    void aPatternMatchingNothingFailsBeforeAnythingIsWritten() throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca selective nothing");
        assertThatThrownBy(() -> restorer.restore(target, RestoreOptions.full().withTables("public.nope"), archive))
                .isInstanceOf(PgEngineException.class).hasMessageContaining("public.nope")
                .satisfies(e -> assertThat(((PgEngineException) e).reason()).isEqualTo(Reason.NOTHING_SELECTED));
        assertThat(TableChecksums.capture(target).tables()).isEmpty();
    }

    @Test
    void aForeignKeyToALeftOutTableIsReportedAndSkippedAndStrictRefuses() throws Exception {
        RestoreOptions child = RestoreOptions.full().withTables("public.stress_child");
        PgConnectionSpec strictTarget = pg.freshDatabase("arca selective strict");
        assertThatThrownBy(() -> restorer.restore(strictTarget, child.withStrict(true), archive))
                .isInstanceOf(PgEngineException.class).hasMessageContaining("stress_child_stress_id_fkey")
                .satisfies(e -> assertThat(((PgEngineException) e).reason()).isEqualTo(Reason.SELECTION_INCOMPLETE));
        assertThat(TableChecksums.capture(strictTarget).tables()).as("strict refused before writing").isEmpty();

        PgConnectionSpec target = pg.freshDatabase("arca selective child");
        RestoreResult result = restorer.restore(target, child, archive);
        assertThat(result.foreignKeysLeftOut()).singleElement().asString()
                .startsWith("FK CONSTRAINT public stress_child stress_child_stress_id_fkey");
        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(after.tables()).containsOnlyKeys("public.stress_child");
        assertThat(after.tables().get("public.stress_child")).isEqualTo(original.tables().get("public.stress_child"));
        assertThat(after.constraints()).noneMatch(c -> c.contains("stress_id_fkey"));
        assertThat(after.sequences()).containsEntry("public.stress_child_id_seq", "77");
    }

    @Test
    void schemaOnlyCreatesTheTablesWithoutRows() throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca selective schema");
        RestoreResult result = restorer.restore(target, twoTables().withSchemaOnly(true), archive);
        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(after.tables()).containsOnlyKeys(TABLES);
        assertThat(after.tables().values()).allSatisfy(t -> assertThat(t.rowCount()).isZero());
        assertThat(after.indexes()).anyMatch(i -> i.startsWith("public.stress_t_idx"));
        assertThat(after.constraints()).anyMatch(c -> c.contains("stress_child_stress_id_fkey"));
        assertThat(result.rowsByTable()).isEmpty();
    }

    @Test
    void aConflictWithoutDropExistingFailsBeforeWritingAndDropExistingRestoresTheBackedUpState() throws Exception {
        PgConnectionSpec target = databaseWithOtherTables();
        restorer.restore(target, twoTables(), archive, TargetDatabase.EXISTING);
        pg.execute(target, "CREATE TABLE public.refs (stress_id int REFERENCES public.stress (id))",
                "INSERT INTO public.refs VALUES (1), (4)",
                "DELETE FROM public.stress_child", "UPDATE public.stress SET t = 'changed' WHERE id = 3",
                "ALTER TABLE public.stress ADD COLUMN extra int", "DROP INDEX public.stress_t_idx",
                "SELECT setval('public.stress_child_id_seq', 5000)");
        DatabaseFingerprint modified = TableChecksums.capture(target);
        String modifiedSchema = schemaDump(target);

        assertThatThrownBy(() -> restorer.restore(target, twoTables(), archive, TargetDatabase.EXISTING))
                .isInstanceOf(PgEngineException.class)
                .hasMessageContaining("public.stress (table)").hasMessageContaining("public.stress_child (table)")
                .hasMessageContaining("public.stress_child_id_seq (sequence)")
                .satisfies(e -> assertThat(((PgEngineException) e).reason()).isEqualTo(Reason.TARGET_CONFLICT));
        assertThat(TableChecksums.capture(target).differencesFrom(modified)).isEmpty();
        assertThat(schemaDump(target)).isEqualTo(modifiedSchema);

        restorer.restore(target, twoTables().withDropExisting(true), archive, TargetDatabase.EXISTING);
        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(about(after, TABLES, SEQUENCES)).isEqualTo(about(original, TABLES, SEQUENCES));
        List<String> untouched = List.of("public.stress", "public.stress_child");
        assertThat(allBut(after, untouched)).isEqualTo(allBut(modified, untouched));
        assertThat(after.constraints()).as("the other table's foreign key is back").anyMatch(c ->
                c.startsWith("public.refs.refs_stress_id_fkey"));
    }

    @Test
    void aFailureMidWayLeavesAnExistingTargetAsItWasAndARerunEqualsACleanRun() throws Exception {
        PgConnectionSpec target = databaseWithOtherTables();
        restorer.restore(target, twoTables(), archive, TargetDatabase.EXISTING);
        pg.execute(target, "DELETE FROM public.stress_child", "DELETE FROM public.stress WHERE id > 2",
                "ALTER TABLE public.stress_child ADD COLUMN extra text");
        DatabaseFingerprint before = TableChecksums.capture(target);
        String schemaBefore = schemaDump(target);

        MemoryArchive failing = RestoreFixtures.failingAtTable(archive, 2);
        assertThatThrownBy(() -> restorer.restore(target, twoTables().withDropExisting(true), failing,
                TargetDatabase.EXISTING)).isInstanceOf(PgEngineException.class)
                .satisfies(e -> assertThat(((PgEngineException) e).reason()).isEqualTo(Reason.SOURCE_FAILED));
        assertThat(TableChecksums.capture(target).differencesFrom(before)).isEmpty();
        assertThat(schemaDump(target)).isEqualTo(schemaBefore);

        restorer.restore(target, twoTables().withDropExisting(true), archive, TargetDatabase.EXISTING);
        PgConnectionSpec clean = databaseWithOtherTables();
        restorer.restore(clean, twoTables(), archive, TargetDatabase.EXISTING);
        assertThat(TableChecksums.capture(target).differencesFrom(TableChecksums.capture(clean))).isEmpty();
    }

    @Test
    void dataOnlyWorksForTheTablesOwnerWithoutSuperuser() throws Exception {
        String role = "arca_owner_" + Long.toHexString(System.nanoTime());
        PgConnectionSpec admin = pg.spec("postgres");
        pg.execute(admin, "CREATE ROLE " + role + " LOGIN PASSWORD 'owner-pw' NOSUPERUSER");
        try {
            PgConnectionSpec target = pg.freshDatabase("arca selective owner");
            pg.execute(admin, "ALTER DATABASE \"" + target.database() + "\" OWNER TO " + role);
            PgConnectionSpec asOwner = new PgConnectionSpec(target.host(), target.port(), target.database(), role,
                    "owner-pw", "disable");
            restorer.restore(asOwner, twoTables().withSchemaOnly(true).withSkipOwnership(true), archive,
                    TargetDatabase.EXISTING);
            pg.execute(asOwner, "INSERT INTO public.stress (id) VALUES (99)",
                    "INSERT INTO public.stress_child (stress_id, note) VALUES (99, 'stale')",
                    "CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$BEGIN RAISE EXCEPTION 'no inserts'; END$$",
                    "CREATE TRIGGER refuse BEFORE INSERT ON public.stress_child FOR EACH ROW "
                            + "EXECUTE FUNCTION public.refuse()");

            RestoreResult result = restorer.restore(asOwner, twoTables().withDataOnly(true), archive,
                    TargetDatabase.EXISTING);

            assertThat(pg.count(admin, "SELECT count(*) FROM pg_roles WHERE rolname = '" + role
                    + "' AND NOT rolsuper")).isEqualTo(1);
            DatabaseFingerprint after = TableChecksums.capture(target);
            for (String t : TABLES) {
                assertThat(after.tables().get(t)).as(t).isEqualTo(original.tables().get(t));
            }
            assertThat(after.sequences()).containsEntry("public.stress_child_id_seq", "77");
            assertThat(after.constraints()).anyMatch(c -> c.startsWith("public.stress_child.stress_child_stress_id"));
            assertThat(pg.count(target, "SELECT count(*) FROM pg_trigger WHERE tgname = 'refuse' "
                    + "AND tgenabled = 'O'")).as("the user trigger is enabled again").isEqualTo(1);
            assertThat(result.rowsByTable())
                    .containsEntry("public.stress", original.tables().get("public.stress").rowCount());
        } finally {
            pg.execute(admin, "DROP OWNED BY " + role + " CASCADE");
        }
    }
}
