package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.restore.RestoreTargets.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestoreTargetsTest {
    private final PgTestSupport pg = new PgTestSupport();
    private final PgConnectionSpec maintenance = pg.spec("postgres");
    private final String name = "restore target \"ü\" " + Long.toHexString(System.nanoTime());

    @AfterEach
    void dropTarget() throws Exception {
        pg.execute(maintenance, "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
        pg.close();
    }

    @Test
    void aRetryOfTheSameJobStartsFromAnEmptyDatabase() throws Exception {
        assertThat(RestoreTargets.prepare(maintenance, name, "arca-restore:1")).isEqualTo(Outcome.CREATED);
        pg.execute(maintenance.withDatabase(name), "create table partly_restored(id int)");

        assertThat(RestoreTargets.prepare(maintenance, name, "arca-restore:1")).isEqualTo(Outcome.RECREATED);
        assertThat(pg.count(maintenance.withDatabase(name),
                "select count(*) from pg_class where relname = 'partly_restored'")).isZero();
    }

    @Test
    void aDatabaseTheJobDidNotCreateIsNeverDropped() throws Exception {
        pg.execute(maintenance, "CREATE DATABASE " + Identifiers.quote(name));
        pg.execute(maintenance.withDatabase(name), "create table precious(id int)");
        assertThat(RestoreTargets.prepare(maintenance, name, "arca-restore:1")).isEqualTo(Outcome.EXISTING);

        pg.execute(maintenance, "COMMENT ON DATABASE " + Identifiers.quote(name) + " IS 'arca-restore:other'");
        assertThat(RestoreTargets.prepare(maintenance, name, "arca-restore:1")).isEqualTo(Outcome.EXISTING);
        assertThat(pg.count(maintenance.withDatabase(name),
                "select count(*) from pg_class where relname = 'precious'")).isEqualTo(1);
    }

    @Test
    void dropIfMarkedDropsOnlyTheJobsOwnDatabase() throws Exception {
        assertThat(RestoreTargets.dropIfMarked(maintenance, name, "arca-verify:1")).as("absent").isFalse();
        pg.execute(maintenance, "CREATE DATABASE " + Identifiers.quote(name));
        assertThat(RestoreTargets.dropIfMarked(maintenance, name, "arca-verify:1")).as("unmarked").isFalse();
        pg.execute(maintenance, "COMMENT ON DATABASE " + Identifiers.quote(name) + " IS 'arca-verify:other'");
        assertThat(RestoreTargets.dropIfMarked(maintenance, name, "arca-verify:1")).as("another job's").isFalse();
        assertThat(pg.count(maintenance, "select count(*) from pg_database where datname = '"
                + name.replace("'", "''") + "'")).isEqualTo(1);

        pg.execute(maintenance, "COMMENT ON DATABASE " + Identifiers.quote(name) + " IS 'arca-verify:1'");
        assertThat(RestoreTargets.dropIfMarked(maintenance, name, "arca-verify:1")).isTrue();
        assertThat(pg.count(maintenance, "select count(*) from pg_database where datname = '"
                + name.replace("'", "''") + "'")).isZero();
    }
}
