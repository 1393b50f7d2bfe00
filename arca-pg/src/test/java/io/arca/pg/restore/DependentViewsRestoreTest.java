package io.arca.pg.restore;

import static io.arca.pg.restore.RestoreFixtures.schemaDump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arca.pg.DumpOptions;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.TableChecksum;
import io.arca.pg.verify.TableChecksums;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code dropExisting} restore of a table into an existing database whose own views (not in the backup) depend on
 * it: views over views, a view with grants, comments, a rule, a column default and an INSTEAD OF trigger, populated
 * and unpopulated materialized views, a view in another schema with an odd name. They are dropped and re-created
 * from the target's definitions in the restore's one transaction.
 */
class DependentViewsRestoreTest {
    static final String READER = "arca_views_reader_" + Long.toHexString(System.nanoTime());
    /** What {@code public.price_totals} computes: checked against its rows after the refresh. */
    static final String TOTALS = "SELECT count(*) AS n, sum(i.price) AS total FROM public.cheap_named c "
            + "JOIN public.items i ON i.id = c.id";
    static PgTestSupport pg;
    static MemoryArchive archive;
    static MemoryArchive withoutExtra;
    static TableChecksum originalItems;
    final PgRestorer restorer = new PgRestorer();

    @BeforeAll
    static void backUp() throws Exception {
        pg = new PgTestSupport();
        pg.execute(pg.spec("postgres"), "CREATE ROLE " + READER + " NOLOGIN");
        PgConnectionSpec source = pg.freshDatabase("arca views source");
        pg.execute(source, "CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL, price numeric, "
                + "extra text)", "INSERT INTO public.items SELECT g, 'item ' || g, g * 1.5, 'x' || g "
                + "FROM generate_series(1, 300) g");
        archive = backUp(source);
        originalItems = TableChecksums.capture(source).tables().get("public.items");

        PgConnectionSpec older = pg.freshDatabase("arca views source without extra");
        pg.execute(older, "CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL, price numeric)",
                "INSERT INTO public.items SELECT g, 'old ' || g, g FROM generate_series(1, 10) g");
        withoutExtra = backUp(older);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (pg != null) {
            pg.close(); // drops the databases holding the role's grants first
            pg.execute(pg.spec("postgres"), "DROP ROLE IF EXISTS " + READER);
        }
    }

    static MemoryArchive backUp(PgConnectionSpec source) {
        MemoryArchive a = new MemoryArchive();
        a.withEntries(new PgDumper().dump(source, DumpOptions.full(), a));
        return a;
    }

    static RestoreOptions items() {
        return RestoreOptions.full().withTables("public.items").withDropExisting(true);
    }

    /** A database with its own {@code public.items} (other rows) and views of every sort over it. */
    static PgConnectionSpec targetWithViews() throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca views target");
        pg.execute(target,
                "CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL, price numeric, extra text)",
                "INSERT INTO public.items SELECT g, 'stale ' || g, g * 1.5, NULL FROM generate_series(1, 50) g",
                "CREATE TABLE public.item_log (id int, note text)",
                "CREATE VIEW public.cheap AS SELECT id, name, price FROM public.items WHERE price < 100",
                "CREATE VIEW public.cheap_named AS SELECT id, upper(name) AS name FROM public.cheap",
                "CREATE SCHEMA \"Reports\"",
                "CREATE VIEW \"Reports\".\"Odd \"\"view\"\"\" WITH (security_barrier) AS "
                        + "SELECT c.id FROM public.cheap_named c",
                "GRANT SELECT ON public.cheap TO " + READER,
                "GRANT SELECT (id) ON public.cheap_named TO " + READER,
                "COMMENT ON VIEW public.cheap IS 'items under 100'",
                "COMMENT ON COLUMN public.cheap.price IS 'in euros'",
                "CREATE RULE no_delete AS ON DELETE TO public.cheap DO INSTEAD NOTHING",
                "CREATE VIEW public.items_entry AS SELECT id, name FROM public.items",
                "ALTER VIEW public.items_entry ALTER COLUMN name SET DEFAULT 'unnamed'",
                "CREATE FUNCTION public.log_entry() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$BEGIN INSERT INTO public.item_log VALUES (NEW.id, NEW.name); RETURN NEW; END$$",
                "CREATE TRIGGER log_entry INSTEAD OF INSERT ON public.items_entry FOR EACH ROW "
                        + "EXECUTE FUNCTION public.log_entry()",
                "CREATE MATERIALIZED VIEW public.price_totals AS " + TOTALS,
                "CREATE UNIQUE INDEX price_totals_n ON public.price_totals (n)",
                "CREATE VIEW public.totals AS SELECT total FROM public.price_totals",
                "CREATE MATERIALIZED VIEW public.never_filled AS SELECT id FROM public.items WITH NO DATA");
        return target;
    }

    @Test
    void viewsOverARestoredTableComeBackAsTheTargetHadThem() throws Exception {
        PgConnectionSpec target = targetWithViews();
        String schemaBefore = schemaDump(target);
        assertThat(pg.count(target, "SELECT n FROM public.price_totals")).isEqualTo(50);

        RestorePreview preview = restorer.preview(target, items(), archive);
        assertThat(preview.dependentsRecreated()).as("re-creation order: each after what it selects from")
                .containsExactly("public.cheap (view)", "public.items_entry (view)", "public.never_filled "
                        + "(materialized view)", "public.cheap_named (view)", "Reports.Odd \"view\" (view)",
                        "public.price_totals (materialized view)", "public.totals (view)");

        restorer.restore(target, items(), archive, TargetDatabase.EXISTING);

        assertThat(TableChecksums.capture(target).tables().get("public.items")).isEqualTo(originalItems);
        assertThat(schemaDump(target)).as("every definition, grant, comment, rule, trigger, index as before")
                .isEqualTo(schemaBefore);
        assertThat(pg.count(target, "SELECT n FROM public.price_totals")).as("refreshed over the restored rows")
                .isEqualTo(66);
        assertThat(pg.count(target, "SELECT count(*) FROM ((TABLE public.price_totals EXCEPT ALL " + TOTALS
                + ") UNION ALL (" + TOTALS + " EXCEPT ALL TABLE public.price_totals)) d")).isZero();
        assertThat(pg.count(target, "SELECT count(*) FROM pg_matviews WHERE matviewname = 'never_filled' "
                + "AND NOT ispopulated")).as("an unpopulated one stays unpopulated").isEqualTo(1);
        assertThat(pg.count(target, "SELECT count(*) FROM pg_class WHERE relname = 'price_totals_n'")).isEqualTo(1);
        assertGrantsRuleAndTriggerWork(target);
    }

    @Test
    void schemaOnlyWithDropExistingKeepsTheViewsToo() throws Exception {
        PgConnectionSpec target = targetWithViews();
        String schemaBefore = schemaDump(target);

        restorer.restore(target, items().withSchemaOnly(true), archive, TargetDatabase.EXISTING);

        assertThat(pg.count(target, "SELECT count(*) FROM public.items")).isZero();
        assertThat(schemaDump(target)).isEqualTo(schemaBefore);
        assertThat(pg.count(target, "SELECT n FROM public.price_totals")).isZero();
        assertGrantsRuleAndTriggerWork(target);
    }

    @Test
    void aViewUsingAColumnTheBackupLacksFailsTheRestoreNamingItAndChangesNothing() throws Exception {
        PgConnectionSpec target = targetWithViews();
        pg.execute(target, "CREATE VIEW public.extras AS SELECT id, extra FROM public.items");

        PgEngineException failure = TargetUnchanged.preview(pg, target, () -> catchThrowableOfType(
                PgEngineException.class, () -> restorer.restore(target, items(), withoutExtra,
                        TargetDatabase.EXISTING)));

        assertThat(failure).as("a RESTORE_FAILED naming the view and the missing column").isNotNull();
        assertThat(failure.reason()).isEqualTo(Reason.RESTORE_FAILED);
        assertThat(failure.getMessage()).contains("view public.extras", "column", "extra", "rolled back");
        assertThat(pg.count(target, "SELECT count(*) FROM public.items WHERE name LIKE 'stale %'")).isEqualTo(50);
    }

    @Test
    void aViewChangedBetweenItsDumpAndTheTransactionStopsTheRestore() throws Exception {
        PgConnectionSpec target = targetWithViews();
        RestorePlan plan = RestorePlan.of(PgTools.locate(), archive, items(), target);
        try (Connection c = pg.connect(target)) {
            DependentViewScript script = DependentViewScript.capture(PgTools.locate(), target, c, plan);
            assertThat(script.dependents()).hasSize(7);
            pg.execute(target, "COMMENT ON VIEW public.cheap IS 'changed meanwhile'");
            c.setAutoCommit(false);
            assertThatThrownBy(() -> script.dropUnchanged(c)).isInstanceOf(PgEngineException.class)
                    .hasMessageContaining("changed while the restore was preparing")
                    .hasMessageContaining("public.cheap (view)");
            c.rollback();
        }
        assertThat(pg.count(target, "SELECT count(*) FROM pg_views WHERE viewname = 'cheap'")).isEqualTo(1);
    }

    private static void assertGrantsRuleAndTriggerWork(PgConnectionSpec target) throws Exception {
        assertThat(pg.count(target, "SELECT count(*) WHERE has_table_privilege('" + READER + "', 'public.cheap', "
                + "'SELECT') AND has_column_privilege('" + READER + "', 'public.cheap_named', 'id', 'SELECT') "
                + "AND NOT has_column_privilege('" + READER + "', 'public.cheap_named', 'name', 'SELECT')"))
                .isEqualTo(1);
        long rows = pg.count(target, "SELECT count(*) FROM public.items");
        pg.execute(target, "DELETE FROM public.cheap", "INSERT INTO public.items_entry (id) VALUES (1000)");
        assertThat(pg.count(target, "SELECT count(*) FROM public.items")).as("the DO INSTEAD NOTHING rule")
                .isEqualTo(rows);
        assertThat(pg.count(target, "SELECT count(*) FROM public.item_log WHERE id = 1000 AND note = 'unnamed'"))
                .as("the INSTEAD OF trigger, with the view column's default").isEqualTo(1);
    }
}
