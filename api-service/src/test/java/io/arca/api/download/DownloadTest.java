package io.arca.api.download;

import static io.restassured.RestAssured.given;

import io.arca.api.ApiTest;
import io.arca.api.backup.StoredBackups;
import io.arca.archive.store.ObjectStore;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Base of the download tests: a small shop database (three tables in two schemas) backed up for real into the test
 * bucket, and helpers to ask for links and fetch them without an API key.
 */
abstract class DownloadTest extends ApiTest {
    private static String shopDatabase;

    @Inject
    ObjectStore store;

    /** The tenants' data keys (not {@link ApiTest.TenantKeys}, a tenant's API keys). */
    @Inject
    io.arca.storage.TenantKeys keys;

    @Inject
    DownloadTokens tokens;

    static synchronized String shopDatabase() throws Exception {
        if (shopDatabase == null) {
            TestDatabases databases = new TestDatabases(InfraEnv.require());
            String name = databases.createFresh("shop");
            try (Connection c = databases.connect(name); Statement s = c.createStatement()) {
                s.execute("create table customers (id int primary key, name text not null, email text)");
                s.execute("create table orders (id bigint primary key, customer_id int references customers, "
                        + "total numeric(12,2), note text, placed_at timestamptz not null default now())");
                s.execute("create schema sales");
                s.execute("create table sales.refunds (id int primary key, order_id bigint, amount numeric)");
                s.execute("insert into customers select g, 'customer ' || g, case when g % 3 = 0 then null "
                        + "else 'c' || g || '@example.com' end from generate_series(1, 500) g");
                s.execute("insert into orders select g, 1 + g % 500, (g * 7 % 10000) / 100.0, repeat(md5(g::text), "
                        + "3), timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' "
                        + "from generate_series(1, 20000) g");
                s.execute("insert into sales.refunds select g, g * 10, g / 3.0 from generate_series(1, 100) g");
            }
            shopDatabase = name;
        }
        return shopDatabase;
    }

    StoredBackups.Stored backUpShop(TenantKeys tenant) throws Exception {
        return new StoredBackups(store, keys).backUp(tenant, "shop-" + UUID.randomUUID().toString().substring(0, 6),
                shopDatabase());
    }

    static Response createLink(String key, UUID backupId, Map<String, ?> body) {
        return as(key).body(body).post("/api/v1/backups/" + backupId + "/download-links");
    }

    static String linkFor(String key, UUID backupId, Map<String, ?> body) {
        return createLink(key, backupId, body).then().statusCode(201).extract().path("url");
    }

    /** The path of a link's URL (RestAssured adds this test's host and port). */
    static String path(String url) {
        return URI.create(url).getRawPath();
    }

    /** GET without any Authorization header. */
    static Response fetch(String url) {
        return given().get(path(url));
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    static void sql(String statement, Object... parameters) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void awaitTrue(Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
