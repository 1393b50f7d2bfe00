package io.arca.api.download;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.arca.export.ExportRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a download link can be wrong answers 403 (410 for a deleted backup, 409 for a backup flagged corrupted
 * since) with a problem and not one byte of the backup; the refusals of well-signed links are audited.
 */
@QuarkusTest
class DownloadTokenTest extends DownloadTest {
    private TenantKeys tenant;
    private StoredBackups.Stored backup;
    private String token;

    @BeforeEach
    void aLink() throws Exception {
        tenant = newTenant();
        backup = backUpShop(tenant);
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        token = url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void oneChangedByteInThePayloadOrTheSignatureIsRefused() {
        int dot = token.indexOf('.');
        for (int at : new int[] {0, dot / 2, dot - 1, dot + 1, (dot + token.length()) / 2, token.length() - 1}) {
            expectRefused(get(flip(token, at)), 403, "download-link-invalid");
        }
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : List.of("x", "abc.def", "a.b.c", "a.", ".b", token.replace(".", ""), token + ".",
                token.substring(0, token.indexOf('.')), "%00", "x".repeat(3600))) {
            expectRefused(get(garbage), 403, "download-link-invalid");
        }
    }

    @Test
    void aPayloadWithAnotherFormatDoesNotMatchItsSignature() {
        int dot = token.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"format\":\"sql\"");
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"format\":\"sql\"", "\"format\":\"csv\"").getBytes(StandardCharsets.UTF_8));
        expectRefused(get(changed + token.substring(dot)), 403, "download-link-invalid");
    }

    @Test
    void anExpiredLinkSaysSo() {
        Instant issued = Instant.now().minus(2, ChronoUnit.HOURS);
        String expired = tokens.sign(DownloadToken.issue(tenant.tenantId(), backup.backupId(),
                ExportRequest.parse("sql", "none", null), false, issued, issued.plusSeconds(900)));
        expectRefused(get(expired), 403, "download-link-expired").then().body("detail", containsString("expired"));
    }

    @Test
    void revokingInvalidatesEveryEarlierLinkOnly() throws Exception {
        String second = linkFor(tenant.operator(), backup.backupId(), body("format", "archive"));
        as(tenant.operator()).delete("/api/v1/backups/" + backup.backupId() + "/download-links")
                .then().statusCode(204);
        expectRefused(get(token), 403, "download-link-revoked");
        expectRefused(fetch(second), 403, "download-link-revoked");

        String later = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "compression", "none"));
        DownloadToken laterToken = tokens.verify(later.substring(later.lastIndexOf('/') + 1));
        assertThat(laterToken.issuedAt()).isAfter(tokens.verify(token).issuedAt());
        assertThat(fetch(later).statusCode()).as("a link issued after the revocation").isNotEqualTo(403);
        assertThat(auditActions()).contains("download-link.revoke");
    }

    @Test
    void aTokenOfAnotherTenantForThisBackupIsRefused() {
        TenantKeys other = newTenant();
        Instant now = Instant.now();
        String forged = tokens.sign(DownloadToken.issue(other.tenantId(), backup.backupId(),
                ExportRequest.parse("sql", "none", null), false, now, now.plusSeconds(600)));
        expectRefused(get(forged), 403, "download-link-invalid");
    }

    @Test
    void anotherTokenVersionIsRefused() {
        DownloadToken good = tokens.verify(token);
        String v2 = tokens.sign(new DownloadToken(2, good.linkId(), good.tenant(), good.backup(), good.format(),
                good.compression(), good.tables(), good.force(), good.issuedAt(), good.expiresAt()));
        expectRefused(get(v2), 403, "download-link-invalid");
    }

    @Test
    void aDeletedBackupIsGone() {
        Instant now = Instant.now();
        String forDeleted = tokens.sign(DownloadToken.issue(tenant.tenantId(), UUID.randomUUID(),
                ExportRequest.parse("sql", "none", null), false, now, now.plusSeconds(600)));
        expectRefused(get(forDeleted), 410, "backup-gone");
    }

    @Test
    void aBackupFlaggedCorruptedSinceTheLinkWasIssuedIsRefusedWithoutForce() throws Exception {
        sql("update backups set corrupted = true where id = ?", backup.backupId());
        expectRefused(get(token), 409, "backup-corrupted");
    }

    @Test
    void refusalsOfWellSignedLinksAreAuditedWithoutAnActor() throws Exception {
        as(tenant.operator()).delete("/api/v1/backups/" + backup.backupId() + "/download-links")
                .then().statusCode(204);
        get(token).then().statusCode(403);
        get(flip(token, 3)).then().statusCode(403);

        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select actor_key_id, target_id, "
                + "details from audit_log where tenant_id = ? and action = 'download.use' order by id")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isNull();
                assertThat(rs.getString(2)).isEqualTo(backup.backupId().toString());
                JsonPath details = JsonPath.from(rs.getString(3));
                assertThat(details.getString("linkId")).isEqualTo(tokens.verify(token).linkId().toString());
                assertThat(details.getInt("status")).isEqualTo(403);
                assertThat(details.getLong("bytes")).isZero();
                assertThat(details.getString("address")).isNotBlank();
                assertThat(rs.next()).as("the altered token is not audited").isFalse();
            }
        }
    }

    private Response get(String tokenText) {
        return given().get("/api/v1/downloads/" + tokenText);
    }

    private static Response expectRefused(Response response, int status, String type) {
        response.then().statusCode(status).contentType("application/problem+json").body("type", endsWith("/" + type))
                .header("Content-Disposition", (String) null);
        return response;
    }

    /** The token with one character replaced by another of the base64url alphabet. */
    private static String flip(String text, int at) {
        char c = text.charAt(at);
        char replacement = c == 'A' ? 'B' : 'A';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    private List<String> auditActions() throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select action from audit_log where tenant_id = ? order by id")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }
}
