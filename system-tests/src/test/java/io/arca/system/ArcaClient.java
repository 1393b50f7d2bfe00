package io.arca.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.arca.testing.InfraEnv;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** The public API as a client uses it: JSON over HTTP with {@code Authorization: Bearer <key>}. */
final class ArcaClient {
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
    /** zstd level 3, encrypted: the defaults a careful operator would pick. */
    static final String ZSTD_ENCRYPTED = "\"compression\":{\"algorithm\":\"zstd\",\"level\":3},\"encrypt\":true";
    static final String GZIP_PLAIN = "\"compression\":{\"algorithm\":\"gzip\",\"level\":6},\"encrypt\":false";
    /** No compression: stored bytes equal chunk plaintext bytes, which makes dedup bounds exact. */
    static final String UNCOMPRESSED = "\"compression\":{\"algorithm\":\"none\"},\"encrypt\":false";

    private final String baseUrl;
    private final String key;

    ArcaClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** The API key this client sends (for clients other than rest-assured, e.g. an event stream). */
    String key() {
        return key;
    }

    /** Creates a tenant (only the bootstrap key may) and returns a client with its first admin key. */
    ArcaClient createTenant(String name) {
        return new ArcaClient(baseUrl, post("/api/v1/tenants", "{\"name\":\"" + name + "\"}", 201)
                .getString("adminKey.secret"));
    }

    UUID createSource(InfraEnv env, String database) {
        String body = "{\"name\":\"" + database + "\",\"type\":\"postgresql\",\"host\":\"" + env.pgHost()
                + "\",\"port\":" + env.pgPort() + ",\"database\":\"" + database + "\",\"username\":\"" + env.pgUser()
                + "\",\"password\":\"" + env.pgPassword() + "\",\"sslMode\":\"disable\"}";
        return UUID.fromString(post("/api/v1/sources", body, 201).getString("id"));
    }

    /** Requests a full backup; {@code options} is a JSON fragment such as {@link #ZSTD_ENCRYPTED}. */
    UUID requestBackup(UUID sourceId, String options) {
        return UUID.fromString(post("/api/v1/backups",
                "{\"sourceId\":\"" + sourceId + "\",\"type\":\"full\"," + options + "}", 202).getString("id"));
    }

    UUID requestRestore(UUID backupId, UUID targetSource, String database) {
        return UUID.fromString(post("/api/v1/restores", "{\"backupId\":\"" + backupId + "\",\"target\":{\"sourceId\":\""
                + targetSource + "\",\"database\":\"" + database + "\"}}", 202).getString("id"));
    }

    /** A request with this client's key, for calls the helpers here do not cover (any status). */
    RequestSpecification request() {
        return given().baseUri(baseUrl).header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** {@code POST /api/v1/backups/{id}/download-links} with {@code body} (JSON); the link's view. */
    JsonPath createDownloadLink(UUID backupId, String body) {
        return post("/api/v1/backups/" + backupId + "/download-links", body, 201);
    }

    JsonPath backup(UUID id) {
        return get("/api/v1/backups/" + id);
    }

    /** Requests a backup and waits for it; fails with the response body unless it completes. */
    JsonPath backupAndAwait(UUID sourceId, String options, Duration timeout) throws InterruptedException {
        return awaitCompleted("/api/v1/backups/" + requestBackup(sourceId, options), timeout);
    }

    JsonPath awaitBackupCompleted(UUID id, Duration timeout) throws InterruptedException {
        return awaitCompleted("/api/v1/backups/" + id, timeout);
    }

    JsonPath awaitRestoreCompleted(UUID id, Duration timeout) throws InterruptedException {
        return awaitCompleted("/api/v1/restores/" + id, timeout);
    }

    /** Polls the backup until {@code condition} holds or it reaches a terminal state; returns its last view. */
    JsonPath awaitBackup(UUID id, Predicate<JsonPath> condition, Duration timeout) throws InterruptedException {
        return await("/api/v1/backups/" + id, condition, timeout);
    }

    /** Polls the restore until {@code condition} holds or it reaches a terminal state; returns its last view. */
    JsonPath awaitRestore(UUID id, Predicate<JsonPath> condition, Duration timeout) throws InterruptedException {
        return await("/api/v1/restores/" + id, condition, timeout);
    }

    private JsonPath await(String path, Predicate<JsonPath> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath view = get(path);
        while (!condition.test(view) && !TERMINAL.contains(view.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            view = get(path);
        }
        return view;
    }

    /** Polls any job's {@code path} until it ends; fails with the response body unless it completed. */
    JsonPath awaitCompleted(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response response = getResponse(path);
        while (!TERMINAL.contains(response.jsonPath().getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            response = getResponse(path);
        }
        assertThat(response.jsonPath().getString("state")).as("GET %s after at most %s: %s", path, timeout,
                response.asString()).isEqualTo("completed");
        return response.jsonPath();
    }

    private JsonPath post(String path, String body, int status) {
        Response response = given().baseUri(baseUrl).header("Authorization", "Bearer " + key)
                .contentType(ContentType.JSON).body(body).post(path);
        assertThat(response.statusCode()).as("POST %s %s -> %s", path, body.replaceAll("\"password\":\"[^\"]*\"",
                "\"password\":\"***\""), response.asString()).isEqualTo(status);
        return response.jsonPath();
    }

    private JsonPath get(String path) {
        return getResponse(path).jsonPath();
    }

    private Response getResponse(String path) {
        Response response = given().baseUri(baseUrl).header("Authorization", "Bearer " + key).get(path);
        assertThat(response.statusCode()).as("GET %s -> %s", path, response.asString()).isEqualTo(200);
        return response;
    }
}
