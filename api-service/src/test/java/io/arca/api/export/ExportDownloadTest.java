package io.arca.api.export;

import static io.arca.api.export.ExportApiTest.exportBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.arca.archive.store.ObjectStore;
import io.arca.storage.PresignedUrls;
import io.arca.storage.StorageConfig;
import io.arca.testing.InfraEnv;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A completed export (the worker's part simulated: its object in the bucket, its row completed) and its URL. */
@QuarkusTest
class ExportDownloadTest extends ApiTest {
    @Inject
    ObjectStore store;

    @Inject
    StorageConfig storage;

    private TenantKeys tenant;
    private String backupId;

    @BeforeEach
    void tenantWithACompletedBackup() throws Exception {
        tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(backupId, tenant.tenantId(), "public.orders");
    }

    private String requestExport() {
        return as(tenant.operator()).body(exportBody("format", "sql"))
                .post("/api/v1/backups/" + backupId + "/exports").then().statusCode(202).extract().path("id");
    }

    /** What the worker leaves: the file in the bucket and the row completed with its name, size and digest. */
    private byte[] completeWithFile(String exportId, int size) throws Exception {
        byte[] file = new byte[size];
        new Random(size).nextBytes(file);
        String key = "tenants/" + tenant.tenantId() + "/exports/" + exportId + "/shop-20261130T101500Z.sql.gz";
        store.put(key, file);
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("update exports set state = "
                + "'completed', phase = 'done', object_key = ?, filename = ?, size = ?, sha256 = ?, "
                + "bytes_written = ?, started_at = now(), finished_at = now() where id = ?")) {
            ps.setString(1, key);
            ps.setString(2, "shop-20261130T101500Z.sql.gz");
            ps.setLong(3, size);
            ps.setString(4, sha256(file));
            ps.setLong(5, size);
            ps.setObject(6, UUID.fromString(exportId));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return file;
    }

    @Test
    void aCompletedExportsUrlDownloadsTheFileWithPlainCurl() throws Exception {
        String id = requestExport();
        as(tenant.viewer()).get("/api/v1/exports/" + id).then().statusCode(200).body("url", nullValue());
        byte[] file = completeWithFile(id, 3 * 1024 * 1024 + 17);

        Instant before = Instant.now();
        Response got = as(tenant.viewer()).get("/api/v1/exports/" + id);
        got.then().statusCode(200).body("state", equalTo("completed"))
                .body("filename", equalTo("shop-20261130T101500Z.sql.gz")).body("size", equalTo(file.length))
                .body("sha256", equalTo(sha256(file))).body("expired", equalTo(false));
        String url = got.path("url");
        assertThat(Instant.parse(got.path("urlExpiresAt")))
                .isBetween(before.plusSeconds(900 - 5), Instant.now().plusSeconds(900 + 5));
        assertThat(url).doesNotContain("Bearer").contains("X-Amz-Signature");

        Path downloaded = Files.createTempFile("export", ".bin");
        try {
            assertThat(curl(url, downloaded)).isZero();
            assertThat(sha256(Files.readAllBytes(downloaded))).isEqualTo(got.path("sha256").toString());
            // the signature covers the object: another key with the same signature is refused by the store
            String forged = url.replace("/exports/" + id + "/", "/exports/" + UUID.randomUUID() + "/");
            assertThat(curl(forged, downloaded)).as("curl -f exit code for an HTTP error").isEqualTo(22);
        } finally {
            Files.deleteIfExists(downloaded);
        }
    }

    @Test
    void theUrlsValidityIsAskedForWithinBoundsAndNeverOutlivesTheFile() throws Exception {
        String id = requestExport();
        completeWithFile(id, 1000);
        Instant before = Instant.now();
        Response got = as(tenant.viewer()).queryParam("expiresInSeconds", 60).get("/api/v1/exports/" + id);
        assertThat(Instant.parse(got.path("urlExpiresAt"))).isBetween(before.plusSeconds(55),
                Instant.now().plusSeconds(65));
        as(tenant.viewer()).queryParam("expiresInSeconds", 604800).get("/api/v1/exports/" + id).then()
                .statusCode(200);
        for (String bad : new String[] {"0", "604801", "-5", "soon", "1e3"}) {
            as(tenant.viewer()).queryParam("expiresInSeconds", bad).get("/api/v1/exports/" + id).then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://arca.dev/problems/invalid-export-option"))
                    .body("field", equalTo("expiresInSeconds"));
        }

        setExpiresAt(id, Instant.now().plusSeconds(30));
        Response capped = as(tenant.viewer()).queryParam("expiresInSeconds", 3600).get("/api/v1/exports/" + id);
        assertThat(Instant.parse(capped.path("urlExpiresAt"))).isBeforeOrEqualTo(Instant.parse(capped.path(
                "expiresAt")).plusSeconds(1));
    }

    @Test
    void anExpiredExportIsGone() throws Exception {
        String id = requestExport();
        completeWithFile(id, 1000);
        setExpiresAt(id, Instant.now().minusSeconds(1));
        as(tenant.viewer()).get("/api/v1/exports/" + id).then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/export-expired"))
                .body("detail", containsString("expired"));
        as(tenant.viewer()).queryParam("backupId", backupId).get("/api/v1/exports").then().statusCode(200)
                .body("items[0].expired", equalTo(true)).body("items[0].url", nullValue());

        String deleted = requestExport();
        completeWithFile(deleted, 1000);
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update exports set deleted_at = now() where id = ?")) {
            ps.setObject(1, UUID.fromString(deleted));
            ps.executeUpdate();
        }
        as(tenant.viewer()).get("/api/v1/exports/" + deleted).then().statusCode(410);
    }

    @Test
    void deleteExpiresACompletedExportAndCancelsOneStillRunning() throws Exception {
        String completed = requestExport();
        completeWithFile(completed, 1000);
        as(tenant.operator()).delete("/api/v1/exports/" + completed).then().statusCode(202)
                .body("expired", equalTo(true)).body("state", equalTo("completed"));
        as(tenant.viewer()).get("/api/v1/exports/" + completed).then().statusCode(410);
        Instant firstExpiry = expiresAt(completed);
        assertThat(firstExpiry).isBeforeOrEqualTo(Instant.now());
        as(tenant.operator()).delete("/api/v1/exports/" + completed).then().statusCode(202);
        assertThat(expiresAt(completed)).as("deleting again changes nothing").isEqualTo(firstExpiry);

        String running = requestExport();
        setExportState(running, "running");
        as(tenant.operator()).delete("/api/v1/exports/" + running).then().statusCode(202)
                .body("state", equalTo("cancelled")).body("error", containsString("deleted"));
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select count(*) from outbox "
                + "where payload->>'jobId' = ? and payload->>'type' = 'export.cancelled'")) {
            ps.setString(1, running);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        String pending = requestExport();
        as(tenant.operator()).delete("/api/v1/exports/" + pending).then().statusCode(202)
                .body("state", equalTo("cancelled"));

        TenantKeys other = newTenant();
        String mine = requestExport();
        as(other.operator()).delete("/api/v1/exports/" + mine).then().statusCode(404);
        as(other.viewer()).get("/api/v1/exports/" + mine).then().statusCode(404);
        as(tenant.viewer()).delete("/api/v1/exports/" + mine).then().statusCode(403);
        as(tenant.operator()).delete("/api/v1/exports/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("https://arca.dev/problems/not-found"));
        as(tenant.viewer()).get("/api/v1/exports/" + mine).then().statusCode(200).body("state", equalTo("pending"));
    }

    static void setExportState(String id, String state) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update exports set state = ? where id = ?")) {
            ps.setString(1, state);
            ps.setObject(2, UUID.fromString(id));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static void setExpiresAt(String id, Instant at) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update exports set expires_at = ? where id = ?")) {
            ps.setObject(1, java.sql.Timestamp.from(at));
            ps.setObject(2, UUID.fromString(id));
            ps.executeUpdate();
        }
    }

    private static Instant expiresAt(String id) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "select expires_at from exports where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    @Test
    void aPublicEndpointNamesTheHostClientsUseAndTheSignatureCoversIt() throws Exception {
        InfraEnv env = InfraEnv.require();
        URI internal = URI.create(env.s3Endpoint());
        String publicHost = "files.arca.example";
        String publicEndpoint = internal.getScheme() + "://" + publicHost + ":" + internal.getPort();
        String key = "tenants/" + tenant.tenantId() + "/exports/" + UUID.randomUUID() + "/shop.sql.gz";
        byte[] file = "select 1;\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        store.put(key, file);
        PresignedUrls urls = new PresignedUrls(null, publicConfig(publicEndpoint), env.s3AccessKey(),
                env.s3SecretKey(), env.s3Region());

        String url = urls.get(key, Duration.ofMinutes(5));
        assertThat(url).startsWith(publicEndpoint + "/");
        Path downloaded = Files.createTempFile("export", ".bin");
        try {
            // a client that reaches the store under the public name (here: resolved to the test's store) gets it
            String resolve = publicHost + ":" + internal.getPort() + ":" + internal.getHost();
            assertThat(curl(url, downloaded, "--resolve", resolve)).isZero();
            assertThat(Files.readAllBytes(downloaded)).isEqualTo(file);
            // the host is signed: the same URL under the services' own address is refused by the store
            assertThat(curl(url.replace(publicEndpoint, env.s3Endpoint()), downloaded)).isEqualTo(22);
        } finally {
            Files.deleteIfExists(downloaded);
            store.delete(key);
        }
    }

    private StorageConfig publicConfig(String publicEndpoint) {
        StorageConfig used = storage;
        return new StorageConfig() {
            @Override
            public String bucket() {
                return used.bucket();
            }

            @Override
            public int retryAttempts() {
                return used.retryAttempts();
            }

            @Override
            public long retryInitialBackoffMillis() {
                return used.retryInitialBackoffMillis();
            }

            @Override
            public Optional<String> publicEndpoint() {
                return Optional.of(publicEndpoint);
            }
        };
    }

    /** Plain curl, no headers: the URL alone must be enough. Returns curl's exit code (22: HTTP error). */
    private static int curl(String url, Path out, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-f", "-o", out.toString()));
        command.addAll(List.of(options));
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
