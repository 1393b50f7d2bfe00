package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A merge restore job after an accidental {@code DELETE ... WHERE} on a live table: the dry run counts what the merge
 * would insert and skip, the merge brings back exactly the deleted rows, leaves rows updated since the backup as they
 * are now, and records the counts in {@code restores.result}.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreMergeJobTest {
    /** Into the backed-up database itself, which the API (and the worker) takes only with confirmDataLoss. */
    private static final String MERGE = "{\"tables\": [\"public.customers\"], \"mode\": \"merge\", "
            + "\"confirmDataLoss\": true}";

    @Inject
    AgroalDataSource db;

    @Test
    void aMergeBringsBackTheDeletedRowsKeepsTheUpdatedOnesAndCountsThem() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        String live = f.sourceDatabase(2_000);
        UUID source = f.source(live);
        UUID backup = f.completedBackup(source, "{}");
        String expected = f.sourceDatabase(2_000);
        for (String database : new String[] {live, expected}) {
            try (Connection c = new TestDatabases(f.env).connect(database); Statement s = c.createStatement()) {
                // 5% updated after the backup: the merge keeps them (skip)
                s.execute("update customers set note = 'updated since the backup' where id % 20 = 1");
                if (database.equals(live)) {
                    // 10% deleted by accident (their orders first)
                    s.execute("delete from orders where customer_id % 10 = 0");
                    s.execute("delete from customers where id % 10 = 0");
                } else {
                    s.execute("delete from orders where customer_id % 10 = 0");
                }
            }
        }
        try {
            UUID dryRun = restores.pending(backup, source, live, MERGE, true);
            assertThat(restores.run(dryRun, 1)).as(f.text("select error from restores where id = ?", dryRun))
                    .isEqualTo("completed");
            assertThat(f.text("select concat_ws('/', t->'merge'->>'inserted', t->'merge'->>'skipped', "
                    + "t->'merge'->>'overwritten') from restores, jsonb_array_elements(preview->'tables') t "
                    + "where id = ?", dryRun)).isEqualTo("200/1800/0");

            UUID merge = restores.pending(backup, source, live, MERGE, false);
            assertThat(restores.run(merge, 1)).as(f.text("select error from restores where id = ?", merge))
                    .isEqualTo("completed");
            assertThat(f.text("select concat_ws('/', result->>'mode', result->>'inserted', result->>'skipped', "
                    + "result->>'overwritten', result->'tables'->'public.customers'->>'rowsInBackup') "
                    + "from restores where id = ?", merge)).isEqualTo("merge/200/1800/0/2000");
            // the deleted rows are back as backed up, the updated ones as they are now: like the twin never deleted
            assertThat(TableChecksums.capture(f.spec(live)).tables().get("public.customers"))
                    .isEqualTo(TableChecksums.capture(f.spec(expected)).tables().get("public.customers"));
        } finally {
            new TestDatabases(f.env).drop(expected);
        }
    }
}
