package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo database taken out of Arca without Arca, and a damaged backup found and fenced off, through the whole
 * system: contents from the worker's catalog rows; an export rendered by the worker, uploaded to the bucket and
 * downloaded by its presigned URL with plain {@code curl}; a verification that passes; one flipped byte in one chunk
 * object; a verification that names the chunk; restores, download links and exports then refused.
 */
class ExportAndVerificationTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void theDemoDatabaseIsExportedThenACorruptedChunkIsFoundAndRefused() throws Exception {
        ArcaClient api = arca.client().createTenant("export-" + arca.runId);
        String database = arca.sources.demo();
        UUID source = api.createSource(arca.env, database);
        JsonPath backup = api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, WAIT);
        String backupId = backup.getString("id");

        contentsMatchTheDatabase(api, backupId, database);
        exportDownloadsWithCurl(api, backupId);

        JsonPath intact = verify(api, backupId);
        assertThat(intact.getString("result")).as(intact.prettify()).isEqualTo("ok");
        assertThat(intact.getList("problems")).isEmpty();
        JsonPath verified = api.backup(UUID.fromString(backupId));
        assertThat(verified.getString("verification.state")).isEqualTo("ok");
        assertThat(verified.getBoolean("corrupted")).isFalse();
        assertThat(verified.getString("verifiedAt")).isNotNull();

        String chunk = flipOneByteOfTheLargestChunk(backup);
        JsonPath damaged = verify(api, backupId);
        assertThat(damaged.getString("result")).as(damaged.prettify()).isEqualTo("corrupted");
        assertThat(damaged.getList("problems.chunk", String.class)).contains(chunk);
        JsonPath view = api.backup(UUID.fromString(backupId));
        assertThat(view.getBoolean("corrupted")).isTrue();
        assertThat(view.getString("verification.state")).isEqualTo("corrupted");
        assertThat(api.request().queryParam("corrupted", "true").get("/api/v1/backups").jsonPath()
                .getList("items.id", String.class)).containsExactly(backupId);

        refusedAsCorrupted(api.request().body(Map.of("backupId", backupId, "target",
                Map.of("sourceId", source.toString(), "database", arca.sources.freshName("never"))))
                .post("/api/v1/restores"));
        refusedAsCorrupted(api.request().body(Map.of("format", "sql"))
                .post("/api/v1/backups/" + backupId + "/download-links"));
        refusedAsCorrupted(api.request().body(Map.of("format", "sql"))
                .post("/api/v1/backups/" + backupId + "/exports"));
        arca.sources.drop(database);
    }

    /** Every table's row count in the contents equals the table's in the database. */
    private static void contentsMatchTheDatabase(ArcaClient api, String backupId, String database) throws Exception {
        Response response = api.request().queryParam("limit", 200).get("/api/v1/backups/" + backupId + "/contents");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonPath contents = response.jsonPath();
        assertThat(contents.getList("items.kind", String.class)).contains("pre-data", "table-data", "post-data")
                .doesNotContain("dump-plan");
        List<Map<String, Object>> tables = contents.getList("items.findAll { it.kind == 'table-data' }");
        assertThat(tables).hasSizeGreaterThan(3);
        try (Connection c = new io.arca.testing.TestDatabases(arca.env).connect(database);
             Statement s = c.createStatement()) {
            for (Map<String, Object> t : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) from \"" + t.get("schema") + "\".\""
                        + t.get("table") + "\"")) {
                    rs.next();
                    assertThat(((Number) t.get("rows")).longValue()).as("rows of %s.%s", t.get("schema"),
                            t.get("table")).isEqualTo(rs.getLong(1));
                }
            }
        }
    }

    /** An sql.gz export: completed by the worker, fetched by its presigned URL alone, equal to what was reported. */
    private static void exportDownloadsWithCurl(ArcaClient api, String backupId) throws Exception {
        Response created = api.request().body(Map.of("format", "sql", "compression", "gzip"))
                .post("/api/v1/backups/" + backupId + "/exports");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(202);
        JsonPath export = await(api, "/api/v1/exports/" + created.path("id"));
        assertThat(export.getString("state")).as(export.prettify()).isEqualTo("completed");
        assertThat(export.getString("filename")).endsWith(".sql.gz");

        Path file = Files.createTempFile("arca-export", ".sql.gz");
        try {
            Process curl = new ProcessBuilder("curl", "-sS", "-f", "-o", file.toString(), export.getString("url"))
                    .redirectErrorStream(true).start();
            String output = new String(curl.getInputStream().readAllBytes());
            assertThat(curl.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).as("curl: " + output).isZero();
            assertThat(Files.size(file)).isEqualTo(export.getLong("size"));
            assertThat(sha256(file)).isEqualTo(export.getString("sha256"));
            Process gzip = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
            assertThat(gzip.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(gzip.exitValue()).as("gzip -t of the downloaded file").isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A shallow verify, waited for until it finished. */
    private static JsonPath verify(ArcaClient api, String backupId) throws Exception {
        Response accepted = api.request().body(Map.of("deep", false)).post("/api/v1/backups/" + backupId + "/verify");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        JsonPath verification = await(api, "/api/v1/verifications/" + accepted.path("id"));
        assertThat(verification.getString("state")).as(verification.prettify()).isEqualTo("completed");
        return verification;
    }

    /** Flips one byte in the middle of the backup's largest chunk object; returns the chunk's name. */
    private static String flipOneByteOfTheLargestChunk(JsonPath backup) {
        String manifestKey = backup.getString("result.manifestKey");
        String chunks = manifestKey.substring(0, manifestKey.indexOf("/backups/")) + "/chunks/";
        String key = arca.objectKeys(chunks).stream()
                .max(Comparator.comparingInt(k -> arca.object(k).length)).orElseThrow();
        byte[] content = arca.object(key);
        content[content.length / 2] ^= 0x01;
        arca.putObject(key, content);
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static void refusedAsCorrupted(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/backup-corrupted");
    }

    private static JsonPath await(ArcaClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonPath view = api.request().get(path).jsonPath();
        while (!TERMINAL.contains(view.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            view = api.request().get(path).jsonPath();
        }
        return view;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
