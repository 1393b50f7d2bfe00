package io.arca.api.download;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import com.github.luben.zstd.ZstdInputStream;
import io.arca.api.backup.StoredBackups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a good link sends: headers, the whole file, ranges of it, HEAD, and the audit of each use. */
@QuarkusTest
class DownloadStreamTest extends DownloadTest {
    private TenantKeys tenant;
    private StoredBackups.Stored backup;

    @Inject
    DownloadMetrics metrics;

    @BeforeEach
    void completedBackup() throws Exception {
        tenant = newTenant();
        backup = backUpShop(tenant);
    }

    @Test
    void uncompressedSqlHasItsLengthAnEtagAndTheLinksFilename() throws Exception {
        JsonPath link = createLink(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"))
                .then().statusCode(201).extract().jsonPath();
        Response response = fetch(link.getString("url"));
        response.then().statusCode(200).contentType("application/sql").header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + link.getString("filename") + "\"")
                .header("Cache-Control", "private, no-store");
        byte[] body = response.asByteArray();
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(response.header("ETag")).matches("\"[0-9a-f]{32}\"");
        String sql = new String(body, StandardCharsets.UTF_8);
        // checked without printing 2 MB of script when it fails
        assertThat(List.of("CREATE TABLE public.orders", "CREATE TABLE sales.refunds", "COPY \"public\".\"orders\"",
                "COPY \"sales\".\"refunds\"")).allMatch(sql::contains);
        // the server ends the transfer (and counts it inactive) after the client has the last byte
        awaitTrue(() -> metrics.active() == 0, Duration.ofSeconds(10));
    }

    @Test
    void rangesAreSlicesOfTheWholeFile() throws Exception {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        Response whole = fetch(url);
        byte[] file = whole.asByteArray();
        String etag = whole.header("ETag");
        int n = file.length;
        assertThat(n).isGreaterThan(100_000);

        assertRange(url, "bytes=0-99", 0, 99, n, file);
        assertRange(url, "bytes=" + n / 3 + "-" + (n / 3 + 65_535), n / 3, n / 3 + 65_535, n, file);
        assertRange(url, "bytes=-500", n - 500, n - 1, n, file);
        assertRange(url, "bytes=" + (n - 10) + "-", n - 10, n - 1, n, file);
        assertRange(url, "bytes=5-" + (10L * n), 5, n - 1, n, file);
        // a single whole-file range still answers 206
        assertRange(url, "bytes=0-", 0, n - 1, n, file);

        for (String unsatisfiable : List.of("bytes=" + n + "-", "bytes=" + (n + 5) + "-" + (n + 10), "bytes=-0")) {
            given().header("Range", unsatisfiable).get(path(url)).then().statusCode(416)
                    .contentType("application/problem+json").header("Content-Range", "bytes */" + n)
                    .body("type", endsWith("/range-not-satisfiable"));
        }
        // ignored, so the whole file: several ranges, another unit, bad syntax, If-Range of another file
        for (String ignored : List.of("bytes=0-1,5-6", "items=0-5", "bytes=9-3", "bytes=x-")) {
            Response r = given().header("Range", ignored).get(path(url));
            r.then().statusCode(200);
            assertThat(r.asByteArray()).isEqualTo(file);
        }
        Response stale = given().header("Range", "bytes=0-9").header("If-Range", "\"0123\"").get(path(url));
        stale.then().statusCode(200);
        assertThat(stale.asByteArray()).isEqualTo(file);
        Response fresh = given().header("Range", "bytes=0-9").header("If-Range", etag).get(path(url));
        fresh.then().statusCode(206);
        assertThat(fresh.asByteArray()).isEqualTo(Arrays.copyOfRange(file, 0, 10));
    }

    @Test
    void compressedSqlIsTheSameScriptChunkedWithoutRanges() throws Exception {
        byte[] plain = fetch(linkFor(tenant.operator(), backup.backupId(),
                body("format", "sql", "compression", "none"))).asByteArray();
        String gzipUrl = linkFor(tenant.operator(), backup.backupId(), body("format", "sql"));
        Response gzip = given().header("Range", "bytes=0-99").get(path(gzipUrl));
        gzip.then().statusCode(200).contentType("application/gzip").header("Accept-Ranges", "none")
                .header("Content-Length", (String) null)
                .header("Content-Disposition", endsWith(".sql.gz\""));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.asByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        Response zstd = fetch(linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression",
                "zstd")));
        zstd.then().statusCode(200).contentType("application/zstd");
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd.asByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(zstd.header("ETag")).isNotEqualTo(gzip.header("ETag"));
    }

    @Test
    void archiveIsATarWithItsLengthAndRanges() {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "archive"));
        Response tar = fetch(url);
        tar.then().statusCode(200).contentType("application/x-tar").header("Accept-Ranges", "bytes");
        byte[] file = tar.asByteArray();
        assertThat(tar.header("Content-Length")).isEqualTo(String.valueOf(file.length));
        assertThat(new String(file, 257, 5, StandardCharsets.US_ASCII)).as("ustar magic").isEqualTo("ustar");
        assertRange(url, "bytes=512-1535", 512, 1535, file.length, file);
    }

    @Test
    void csvIsAZipWithOneFilePerTableAndTheSchema() throws Exception {
        Response zip = fetch(linkFor(tenant.operator(), backup.backupId(), body("format", "csv",
                "tables", List.of("public.*"))));
        zip.then().statusCode(200).contentType("application/zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.asByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("schema.sql").anyMatch(n -> n.contains("orders"))
                .noneMatch(n -> n.contains("refunds"));
    }

    @Test
    void headAnswersTheHeadersOnly() {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        long length = fetch(url).asByteArray().length;
        Response head = given().head(path(url));
        head.then().statusCode(200).header("Content-Length", String.valueOf(length)).header("Accept-Ranges", "bytes");
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void everyUseIsAuditedWithStatusRangeAndBytes() throws Exception {
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        long length = fetch(url).asByteArray().length;
        given().header("Range", "bytes=10-19").get(path(url)).then().statusCode(206);

        // a use is audited when its transfer ends, which the server sees after the client has the last byte
        List<JsonPath> uses = new ArrayList<>();
        awaitTrue(() -> downloadUses(uses).size() >= 2, Duration.ofSeconds(10));
        assertThat(uses).hasSize(2);
        assertThat(uses.get(0).getInt("status")).isEqualTo(200);
        assertThat(uses.get(0).getLong("bytes")).isEqualTo(length);
        assertThat(uses.get(0).getString("outcome")).isEqualTo("completed");
        assertThat(uses.get(0).getString("address")).isEqualTo("127.0.0.1");
        assertThat(uses.get(1).getInt("status")).isEqualTo(206);
        assertThat(uses.get(1).getString("range")).isEqualTo("bytes=10-19");
        assertThat(uses.get(1).getLong("bytes")).isEqualTo(10);
    }

    /** The tenant's {@code download.use} audit rows, oldest first, read into {@code uses}; none has an actor. */
    private List<JsonPath> downloadUses(List<JsonPath> uses) throws Exception {
        uses.clear();
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select actor_key_id, details "
                + "from audit_log where tenant_id = ? and action = 'download.use' order by id")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getObject(1)).isNull();
                    uses.add(JsonPath.from(rs.getString(2)));
                }
            }
        }
        return uses;
    }

    private static void assertRange(String url, String range, long first, long last, long total, byte[] file) {
        Response part = given().header("Range", range).get(path(url));
        part.then().statusCode(206).header("Content-Range", "bytes " + first + "-" + last + "/" + total)
                .header("Content-Length", String.valueOf(last - first + 1));
        assertThat(part.asByteArray()).as(range).isEqualTo(Arrays.copyOfRange(file, (int) first, (int) last + 1));
    }
}
