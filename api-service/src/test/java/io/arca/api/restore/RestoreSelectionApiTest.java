package io.arca.api.restore;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.arca.api.backup.StoredBackups;
import io.arca.archive.store.ObjectStore;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Patterns and overwrites are worked out from a real backup's dump plan, as the engine selects: a partitioned table
 * named by its own name brings its partitions (which hold the rows), and a table without rows counts too.
 */
@QuarkusTest
class RestoreSelectionApiTest extends ApiTest {
    @Inject
    ObjectStore store;

    @Inject
    io.arca.storage.TenantKeys keys;

    private final TestDatabases databases = new TestDatabases(InfraEnv.require());

    @Test
    void aPartitionedTableIsSelectedByItsOwnNameWithItsPartitions() throws Exception {
        String database = databases.createFresh("parts");
        try {
            try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
                s.execute("create table public.payment (id int, paid date, amount int) partition by range (paid)");
                s.execute("create table public.payment_2024 partition of public.payment "
                        + "for values from ('2024-01-01') to ('2025-01-01')");
                s.execute("create table public.payment_2025 partition of public.payment "
                        + "for values from ('2025-01-01') to ('2026-01-01')");
                s.execute("insert into public.payment values (1, '2024-02-01', 10), (2, '2024-03-01', 20), "
                        + "(3, '2024-04-01', 30), (4, '2025-02-01', 40), (5, '2025-03-01', 50)");
                s.execute("create table public.customer (id int primary key)");
                s.execute("insert into public.customer select generate_series(1, 4)");
                s.execute("create table public.empty_notes (id int)");
            }
            TenantKeys tenant = newTenant();
            StoredBackups.Stored stored = new StoredBackups(store, keys).backUp(tenant, "parts", database);
            String backup = stored.backupId().toString();
            String source = stored.sourceId().toString();

            // into a new database: the parent's own name matches, a pattern matching nothing is named
            restore(tenant, backup, source, database + "_new", Map.of("tables", List.of("public.payment")))
                    .statusCode(202);
            restore(tenant, backup, source, database + "_new",
                    Map.of("tables", List.of("public.payment", "public.nothing*", "public.empty_notes")))
                    .statusCode(422).body("type", equalTo("https://arca.dev/problems/tables-match-nothing"))
                    .body("unmatchedPatterns", equalTo(List.of("public.nothing*")));

            // over the backed-up database: the parent (its rows are its partitions') and both partitions
            restore(tenant, backup, source, database, Map.of("tables", List.of("public.payment"),
                    "dropExisting", true)).statusCode(409)
                    .body("wouldOverwrite.backedUpDatabase", equalTo(true))
                    .body("wouldOverwrite.tables.table", containsInAnyOrder("payment", "payment_2024",
                            "payment_2025"))
                    .body("wouldOverwrite.tables.find { it.table == 'payment' }.rows", equalTo(5))
                    .body("wouldOverwrite.tables.find { it.table == 'payment_2024' }.rows", equalTo(3));
            // dataOnly writes rows where the backup has them: the partitions
            restore(tenant, backup, source, database, Map.of("tables", List.of("public.payment"),
                    "dataOnly", true)).statusCode(409)
                    .body("wouldOverwrite.tables.table", containsInAnyOrder("payment_2024", "payment_2025"));
            // dropExisting re-creates a table the backup holds no rows of: listed as it exists there
            restore(tenant, backup, source, database, Map.of("tables", List.of("public.empty_notes"),
                    "dropExisting", true)).statusCode(409)
                    .body("wouldOverwrite.tables.table", equalTo(List.of("empty_notes")))
                    .body("wouldOverwrite.tables[0].rows", equalTo(0));
            String safetyId = restore(tenant, backup, source, database, Map.of("tables", List.of("public.payment"),
                    "dropExisting", true, "confirmDataLoss", true)).statusCode(202).extract().path("safetyBackupId");
            as(tenant.viewer()).get("/api/v1/backups/" + safetyId).then().statusCode(200)
                    .body("origin", equalTo("safety"))
                    .body("options.tables.include", containsInAnyOrder("\"public\".\"payment\"",
                            "\"public\".\"payment_2024\"", "\"public\".\"payment_2025\""));
        } finally {
            databases.drop(database);
        }
    }

    private static ValidatableResponse restore(TenantKeys tenant, String backup, String source, String database,
                                               Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(options);
        body.put("backupId", backup);
        body.put("target", Map.of("sourceId", source, "database", database));
        return as(tenant.operator()).body(body).post("/api/v1/restores").then();
    }
}
