package io.arca.api.download;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;

import io.arca.api.backup.StoredBackups;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Downloads that cannot finish: a chunk damaged in the bucket cuts the transfer where it lies (the client sees a
 * failed transfer, never a complete file) and flags the backup; a client that goes away stops the reading at once.
 * The backup has one ~40 MiB table, about 40 chunks, so neither can hide in buffers.
 */
@QuarkusTest
class DownloadFailureTest extends DownloadTest {
    private static String bulkDatabase;
    private TenantKeys tenant;
    private StoredBackups.Stored backup;

    @Inject
    DownloadMetrics metrics;

    static synchronized String bulkDatabase() throws Exception {
        if (bulkDatabase == null) {
            TestDatabases databases = new TestDatabases(InfraEnv.require());
            String name = databases.createFresh("bulk");
            try (Connection c = databases.connect(name); Statement s = c.createStatement()) {
                s.execute("create table blobs (id int primary key, data text not null)");
                s.execute("insert into blobs select g, repeat(md5(g::text), 8) from generate_series(1, 160000) g");
            }
            bulkDatabase = name;
        }
        return bulkDatabase;
    }

    @BeforeEach
    void bulkBackup() throws Exception {
        tenant = newTenant();
        backup = new StoredBackups(store, keys).backUp(tenant, "bulk", bulkDatabase());
    }

    @Test
    void aDamagedChunkCutsAKnownLengthTransferAndFlagsTheBackup() throws Exception {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        ChunkRef damaged = damageMiddleChunk();

        HttpResponse<InputStream> response = send(url);
        assertThat(response.statusCode()).isEqualTo(200);
        long announced = Long.parseLong(response.headers().firstValue("Content-Length").orElseThrow());
        long[] received = {0};
        assertThatThrownBy(() -> drain(response.body(), received)).isInstanceOf(IOException.class);
        assertThat(received[0]).isLessThan(announced);
        System.out.printf("damaged chunk: announced %d bytes, the client got %d before the cut%n", announced,
                received[0]);
        assertFlagged(damaged);

        // from now on links need force; a forced one fails the same way, and the chunk is recorded once
        createLink(tenant.operator(), backup.backupId(), body("format", "sql")).then().statusCode(409)
                .body("type", endsWith("/backup-corrupted"));
        String forced = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none",
                "force", true));
        assertThatThrownBy(() -> drain(send(forced).body(), new long[1])).isInstanceOf(IOException.class);
        assertThat(curl(forced)).as("curl: partial file (transfer closed with bytes remaining)").isEqualTo(18);
        assertThat(problems()).hasSize(1);
        // the link issued before the flag is refused now
        fetch(url).then().statusCode(409).body("type", endsWith("/backup-corrupted"));
    }

    @Test
    void aDamagedChunkCutsAChunkedTransferBeforeItsEnd() throws Exception {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "gzip"));
        ChunkRef damaged = damageMiddleChunk();
        HttpResponse<InputStream> response = send(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        long[] received = {0};
        assertThatThrownBy(() -> drain(response.body(), received)).isInstanceOf(IOException.class);
        System.out.printf("damaged chunk, chunked: the client got %d bytes before the cut%n", received[0]);
        assertFlagged(damaged);
        String forced = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "force", true));
        assertThat(curl(forced)).as("curl: partial file (no terminating chunk)").isEqualTo(18);
    }

    @Test
    void aClientThatGoesAwayStopsTheReading() throws Exception {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        int totalChunks = backup.manifest().entries().stream().mapToInt(e -> e.chunks().size()).sum();
        long before = metrics.chunksFetched();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path(url) + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int got = in.readNBytes(buffer, 0, buffer.length);
            assertThat(new String(buffer, 0, got, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            // while the client reads nothing more, the server fills the socket buffers and then waits
            long stalled = awaitStable(() -> metrics.chunksFetched() - before);
            System.out.printf("a client that stopped reading: %d of %d chunks fetched%n", stalled, totalChunks);
            assertThat(stalled).isLessThan(totalChunks);
            assertThat(metrics.active()).isEqualTo(1);
        }
        awaitTrue(() -> metrics.active() == 0, Duration.ofSeconds(10));
        long after = metrics.chunksFetched() - before;
        Thread.sleep(1500);
        assertThat(metrics.chunksFetched() - before).as("no chunk fetched once the client is gone").isEqualTo(after);
        assertThat(after).isLessThan(totalChunks);
        awaitTrue(() -> lastUseOutcome().equals("client-gone"), Duration.ofSeconds(5));
    }

    @Test
    void aDownloadBeyondTheConcurrencyCapIsRefusedUntilASlotFreesUp() throws Exception {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // arca.downloads.max-concurrent's default
                Socket socket = new Socket("localhost", RestAssured.port);
                stalled.add(socket);
                socket.getOutputStream().write(("GET " + path(url) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] status = socket.getInputStream().readNBytes(12);
                assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            }
            awaitTrue(() -> metrics.active() == 4, Duration.ofSeconds(10));
            fetch(url).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("type", endsWith("/too-many-downloads"));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        awaitTrue(() -> metrics.active() == 0, Duration.ofSeconds(10));
        given().head(path(url)).then().statusCode(200);
    }

    /** Flips one byte in the middle of the stored object of the table's middle chunk. */
    private ChunkRef damageMiddleChunk() {
        ManifestEntry table = backup.manifest().entries().stream()
                .max(Comparator.comparingLong(ManifestEntry::size)).orElseThrow();
        assertThat(table.chunks().size()).isGreaterThan(10);
        ChunkRef chunk = table.chunks().get(table.chunks().size() / 2);
        String key = RepositoryLayout.chunkKey(tenant.tenantId().toString(), chunk.name());
        byte[] stored = store.get(key);
        stored[stored.length / 2] ^= 0x5a;
        store.put(key, stored);
        return chunk;
    }

    private void assertFlagged(ChunkRef damaged) throws Exception {
        awaitTrue(() -> !problems().isEmpty(), Duration.ofSeconds(10));
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select corrupted from backups where id = ?")) {
            s.setObject(1, backup.backupId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
        JsonPath problem = problems().get(0);
        assertThat(problem.getString("chunk")).isEqualTo(damaged.name());
        assertThat(problem.getList("entries", String.class)).containsExactly(backup.manifest().entries().stream()
                .filter(e -> e.chunks().contains(damaged)).map(ManifestEntry::name).findFirst().orElseThrow());
        assertThat(problem.getString("reason")).isEqualTo("authentication-failed");
        assertThat(problem.getString("foundBy")).isEqualTo("download");
        assertThat(problem.getString("detail")).isNotBlank();
    }

    private List<JsonPath> problems() {
        List<JsonPath> problems = new ArrayList<>();
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select p::text from backups, "
                + "jsonb_array_elements(coalesce(verification -> 'problems', '[]')) p where id = ?")) {
            s.setObject(1, backup.backupId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    problems.add(JsonPath.from(rs.getString(1)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }

    private String lastUseOutcome() {
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select details ->> 'outcome' "
                + "from audit_log where tenant_id = ? and action = 'download.use' order by id desc limit 1")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<InputStream> send(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + path(url));
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Exit code of plain {@code curl -sS -o /dev/null} fetching the link (18: partial file). */
    private static int curl(String url) throws Exception {
        String full = "http://localhost:" + RestAssured.port + path(url);
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", full).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = curl.waitFor();
        System.out.printf("curl exit %d: %s%n", exit, output.trim());
        return exit;
    }

    /** Reads to the end, counting into {@code received[0]} as it goes (it holds the count when reading fails). */
    private static void drain(InputStream in, long[] received) throws IOException {
        try (in) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received[0] += n;
            }
        }
    }

    private interface Probe {
        long value() throws Exception;
    }

    /** The value once it stopped changing for a second. */
    private static long awaitStable(Probe probe) throws Exception {
        long last = probe.value();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = probe.value();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("still changing after 20 s: " + last);
    }
}
