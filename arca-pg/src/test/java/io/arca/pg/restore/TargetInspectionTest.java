package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import io.arca.pg.restore.TargetInspection.Request;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetInspectionTest {
    /** A table name that breaks any statement that concatenates it unquoted or as a bare literal. */
    static final String HOSTILE = "x\"; DROP TABLE public.small; --'ü";
    static final String HOSTILE_SCHEMA = "s p\"a'ce";

    private final PgTestSupport pg = new PgTestSupport();
    private final String role = "arca_inspect_" + Long.toHexString(System.nanoTime());
    private PgConnectionSpec target;

    @BeforeEach
    void target() throws Exception {
        target = pg.freshDatabase("inspect");
        pg.execute(target,
                "create table public.small (id int primary key, v text)",
                "insert into public.small select g, 'v' || g from generate_series(1, 137) g",
                "create schema " + Identifiers.quote(HOSTILE_SCHEMA),
                "create table " + Identifiers.qualified(HOSTILE_SCHEMA, HOSTILE) + " (id int)",
                "insert into " + Identifiers.qualified(HOSTILE_SCHEMA, HOSTILE) + " select generate_series(1, 5)",
                "create table public.parted (id int, part int) partition by list (part)",
                "create table public.parted_1 partition of public.parted for values in (1)",
                "create table public.parted_2 partition of public.parted for values in (2)",
                "insert into public.parted select g, 1 + g % 2 from generate_series(1, 1000) g",
                "create table public.big as select g as id, repeat('x', 200) as pad from generate_series(1, 20000) g",
                "analyze public.big",
                "create extension citext");
    }

    @AfterEach
    void cleanUp() throws Exception {
        pg.close();
        pg.execute(pg.spec("postgres"), "DROP ROLE IF EXISTS " + Identifiers.quote(role));
    }

    @Test
    void reportsTablesSchemasRolesAndExtensionsOfTheRequest() throws Exception {
        DatabaseFingerprint before = TableChecksums.capture(target);
        Request request = new Request(List.of(new QualifiedTable("public", "small"),
                new QualifiedTable(HOSTILE_SCHEMA, HOSTILE), new QualifiedTable("public", "parted"),
                new QualifiedTable("public", "absent")),
                List.of("public", HOSTILE_SCHEMA, "new_schema"), List.of(pg.env.pgUser(), "no_such_role_" + role),
                List.of("citext", "pg_trgm", "plpgsql"), true, true);

        TargetInspection inspection = TargetInspection.of(target, request);

        assertThat(inspection.databaseExists()).isTrue();
        assertThat(inspection.serverMajor()).isGreaterThanOrEqualTo(12);
        assertThat(inspection.serverVersion()).startsWith(String.valueOf(inspection.serverMajor()));
        assertThat(inspection.existingTables()).extracting(ExistingTable::qualifiedName)
                .containsExactly("public.small", HOSTILE_SCHEMA + "." + HOSTILE, "public.parted");
        assertThat(inspection.existing("public", "small")).get()
                .returns(137L, ExistingTable::rows).returns(false, ExistingTable::rowsEstimated)
                .satisfies(t -> assertThat(t.bytes()).isEqualTo(pg.count(target,
                        "select pg_total_relation_size('public.small')")));
        assertThat(inspection.existing(HOSTILE_SCHEMA, HOSTILE).orElseThrow().rows()).isEqualTo(5);
        ExistingTable parted = inspection.existing("public", "parted").orElseThrow();
        assertThat(parted.rows()).as("a partitioned table counts its partitions' rows").isEqualTo(1000);
        assertThat(parted.bytes()).isEqualTo(pg.count(target,
                "select pg_total_relation_size('public.parted_1') + pg_total_relation_size('public.parted_2')"));
        assertThat(inspection.existingSchemas()).containsExactly("public", HOSTILE_SCHEMA);
        assertThat(inspection.missingRoles()).containsExactly("no_such_role_" + role);
        assertThat(inspection.missingExtensions()).containsExactly("pg_trgm");
        assertThat(inspection.superuser()).isTrue();
        assertThat(inspection.privilegeProblems()).as("a superuser lacks only the missing role")
                .containsExactly("role no_such_role_" + role + " does not exist in the target: create it first, "
                        + "or restore with skipOwnership");
        assertThat(TableChecksums.capture(target)).as("the hostile name did nothing").isEqualTo(before);
    }

    @Test
    void tablesAboveTheBoundGetThePlannersEstimate() throws Exception {
        List<QualifiedTable> wanted = List.of(new QualifiedTable("public", "small"),
                new QualifiedTable("public", "big"));
        try (Connection c = pg.connect(target)) {
            long smallHeap = pg.count(target, "select pg_relation_size('public.small')");
            List<ExistingTable> sizes = TableSizes.of(c, wanted, smallHeap, Long.MAX_VALUE);
            assertThat(sizes.get(0)).returns(137L, ExistingTable::rows).returns(false, ExistingTable::rowsEstimated);
            assertThat(sizes.get(1).rowsEstimated()).isTrue();
            assertThat(sizes.get(1).rows()).as("analyzed: the estimate is close").isBetween(19000L, 21000L);

            List<ExistingTable> overBudget = TableSizes.of(c, wanted, Long.MAX_VALUE, smallHeap);
            assertThat(overBudget).extracting(ExistingTable::rowsEstimated).containsExactly(false, true);
            assertThat(TableSizes.of(c, wanted)).extracting(ExistingTable::rows).containsExactly(137L, 20000L);
        }
    }

    @Test
    void namesWhatAnOrdinaryUserLacks() throws Exception {
        pg.execute(pg.spec("postgres"), "CREATE ROLE " + Identifiers.quote(role) + " LOGIN PASSWORD 'pw'");
        pg.execute(target, "GRANT USAGE ON SCHEMA " + Identifiers.quote(HOSTILE_SCHEMA) + " TO "
                + Identifiers.quote(role), "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        PgConnectionSpec asUser = new PgConnectionSpec(target.host(), target.port(), target.database(), role, "pw",
                "disable");
        Request request = new Request(List.of(new QualifiedTable("public", "small")),
                List.of("public", "new_schema"), List.of(), List.of("pg_trgm", "dblink", "no_such_extension"),
                true, true);

        TargetInspection inspection = TargetInspection.of(asUser, request);

        assertThat(inspection.superuser()).isFalse();
        assertThat(inspection.existing("public", "small").orElseThrow().rowsEstimated())
                .as("no SELECT on the table: estimated, not an error").isTrue();
        assertThat(inspection.privilegeProblems()).containsExactly(
                "creating schema new_schema needs CREATE on database " + target.database() + ", which user "
                        + role + " lacks",
                "creating objects in schema public needs CREATE on it, which user " + role + " lacks",
                "dropping, emptying or altering table public.small needs its ownership: it is owned by "
                        + pg.env.pgUser() + ", and user " + role + " is neither that role nor a member of it",
                "creating extension pg_trgm needs CREATE on database " + target.database() + ", which user " + role
                        + " lacks",
                "creating extension dblink needs a superuser (it is not a trusted extension), and user " + role
                        + " is not one",
                "extension no_such_extension is not available on the target server (its files are not installed "
                        + "there)");

        Request loadOnly = new Request(request.tables(), List.of("public"), List.of(), List.of(), false, false);
        assertThat(TargetInspection.of(asUser, loadOnly).privilegeProblems()).isEmpty();
    }

    @Test
    void aMissingDatabaseIsReportedNotThrown() throws Exception {
        pg.execute(pg.spec("postgres"), "CREATE ROLE " + Identifiers.quote(role) + " LOGIN PASSWORD 'pw'");
        PgConnectionSpec missing = target.withDatabase("arca missing \"" + System.nanoTime());
        Request request = new Request(List.of(new QualifiedTable("public", "small")), List.of("public"),
                List.of(role, "no_such_role_" + role), List.of("citext"), true, false);

        TargetInspection asOwner = TargetInspection.of(missing, request);
        assertThat(asOwner.databaseExists()).isFalse();
        assertThat(asOwner.serverMajor()).isGreaterThanOrEqualTo(12);
        assertThat(asOwner.existingTables()).isEmpty();
        assertThat(asOwner.missingRoles()).containsExactly("no_such_role_" + role);
        assertThat(asOwner.missingExtensions()).containsExactly("citext");

        PgConnectionSpec asUser = new PgConnectionSpec(missing.host(), missing.port(), missing.database(), role,
                "pw", "disable");
        assertThat(TargetInspection.of(asUser, request).privilegeProblems()).first().asString()
                .isEqualTo("database " + missing.database() + " does not exist, and creating it needs the CREATEDB "
                        + "attribute, which user " + role + " lacks");
    }
}
