package io.arca.api.console.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.arca.api.console.ConsoleSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The backups list and backup page over real HTTP with a console session: filters and keyset paging over 10,000
 * backups (every page 50 rows, the pages disjoint), a backup's tables and sizes, the buttons a role gets, and bad
 * input answered with an HTML problem page instead of a 500.
 */
@QuarkusTest
class BackupPagesTest extends ApiTest {
    private static final Pattern ROW_LINK =
            Pattern.compile("<tr>\\s*<td[^>]*><a href=\"/console/backups/([0-9a-f-]{36})\"");
    private static final Pattern OLDER =
            Pattern.compile("href=\"(/console/backups\\?[^\"]*cursor=[^\"]+)\" rel=\"next\"");

    @Test
    void tenThousandBackupsArePagedFiftyAtATimeNewestFirst() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "big");
        insertBackups(tenant.tenantId(), UUID.fromString(sourceId), 10_000);
        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());

        List<String> seen = new ArrayList<>();
        String href = "/console/backups";
        for (int page = 0; page < 5; page++) {
            long started = System.nanoTime();
            String html = viewer.page().get(href.replace("&amp;", "&")).then().statusCode(200)
                    .contentType(ContentType.HTML).extract().asString();
            long micros = (System.nanoTime() - started) / 1000;
            List<String> ids = all(ROW_LINK, html);
            assertThat(ids).hasSize(50).doesNotHaveDuplicates();
            assertThat(ids).noneMatch(seen::contains);
            seen.addAll(ids);
            System.out.printf("backups list page %d of 10,000 backups: %d bytes, %d us%n", page + 1,
                    html.length(), micros);
            Matcher older = OLDER.matcher(html);
            assertThat(older.find()).as("an Older link on page %d", page + 1).isTrue();
            href = older.group(1);
        }
        for (int warm = 0; warm < 3; warm++) {
            long started = System.nanoTime();
            int bytes = viewer.html("/console/backups").length();
            System.out.printf("backups list first page again: %d bytes, %d us%n", bytes,
                    (System.nanoTime() - started) / 1000);
            started = System.nanoTime();
            as(tenant.viewer()).get("/api/v1/backups").then().statusCode(200);
            System.out.printf("the JSON API's first page, for comparison: %d us%n",
                    (System.nanoTime() - started) / 1000);
        }
        // newest first: the first row is the newest inserted
        assertThat(seen.get(0)).isEqualTo(newestId(tenant.tenantId()));

        String source = viewer.html("/console/sources/" + sourceId);
        assertThat(source.split("<rect class=\"stored\"", -1)).hasSize(51);
        assertThat(source).contains("/console/backups?sourceId=" + sourceId);
    }

    @Test
    void filtersNarrowTheListAndAreKeptInThePicker() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "filtered");
        String done = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(done, tenant.tenantId(), "public.orders");
        String pending = TestBackups.request(tenant, sourceId);
        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());

        String html = viewer.html("/console/backups?state=completed&sourceId=" + sourceId);
        assertThat(all(ROW_LINK, html)).containsExactly(done);
        assertThat(html).contains("<option value=\"completed\" selected>")
                .contains("<option value=\"" + sourceId + "\" selected>");
        assertThat(all(ROW_LINK, viewer.page().get("/console/backups?state=pending").asString()))
                .containsExactly(pending);
    }

    @Test
    void aBackupPageShowsTablesAndTheRolesButtons() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "pages");
        String id = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(id, tenant.tenantId(), "public.orders", "sales.\"Ünïcode\"");

        String asOperator = ConsoleSignIn.as(tenant.operator()).html("/console/backups/" + id);
        assertThat(asOperator).contains("public.orders").contains("data-live-final")
                .contains("aria-valuenow=\"100\"").contains("id=\"download\"").contains("id=\"pin\"")
                .contains("/console/restore?backupId=" + id).contains("id=\"delete-backup\"");
        // the table's rows as the catalog has them (TestBackups: 10 per table number)
        assertThat(asOperator).containsPattern("public\\.orders</td>\\s*<td class=\"num\">10</td>");

        String asViewer = ConsoleSignIn.as(tenant.viewer()).html("/console/backups/" + id);
        assertThat(asViewer).contains("public.orders").doesNotContain("data-api=");
        String progress = ConsoleSignIn.as(tenant.viewer()).html("/console/backups/" + id + "/fragment/progress");
        assertThat(progress).contains("data-live-final").doesNotContain("<html");
    }

    @Test
    void aCompletedBackupWhoseContentsCannotBeReadStillShowsItsPage() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "no-manifest");
        String id = TestBackups.request(tenant, sourceId);
        // completed, but no contents rows and no manifest in the bucket to read them from
        TestBackups.setState(id, "completed");
        String html = ConsoleSignIn.as(tenant.operator()).html("/console/backups/" + id);
        assertThat(html).contains("The tables cannot be listed now:").contains("id=\"delete-backup\"");
    }

    @Test
    void aRunningBackupIsLiveAndHasNoTablesYet() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "running");
        String id = TestBackups.request(tenant, sourceId);
        TestBackups.setState(id, "running");
        String html = ConsoleSignIn.as(tenant.operator()).html("/console/backups/" + id);
        assertThat(html).contains("data-live=\"/console/backups/" + id + "/fragment/progress\"")
                .doesNotContain("data-live-final").contains("Cancel backup")
                .contains("The tables are listed once the backup has completed.");
    }

    @Test
    void badInputIsAnHtmlProblemNotA500() {
        TenantKeys tenant = newTenant();
        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());
        String badState = viewer.page().get("/console/backups?state=exploded").then().statusCode(400)
                .contentType(ContentType.HTML).extract().asString();
        assertThat(badState).contains("state");
        viewer.page().get("/console/backups?cursor=nonsense").then().statusCode(400).contentType(ContentType.HTML);
        viewer.page().get("/console/backups?sourceId=not-a-uuid").then().statusCode(400)
                .contentType(ContentType.HTML);
        viewer.page().get("/console/backups/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(ContentType.HTML);
        viewer.page().get("/console/sources/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(ContentType.HTML);
        viewer.page().get("/console/sources/new").then().statusCode(403);
    }

    private static List<String> all(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Completed backups a minute apart, newest now, with sizes (the chart's bars), in one statement. */
    private static void insertBackups(UUID tenantId, UUID sourceId, int count) throws Exception {
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement("insert into backups "
                + "(id, tenant_id, source_id, type, options, state, created_at, finished_at, stored_size, "
                + "new_bytes, logical_size, phase) select gen_random_uuid(), ?, ?, 'full', "
                + "'{\"type\":\"full\",\"tables\":{\"include\":[],\"exclude\":[],\"excludeData\":[]},"
                + "\"compression\":{\"algorithm\":\"zstd\",\"level\":3},\"encrypt\":false}'::jsonb, "
                + "case when g % 10 = 0 then 'failed' else 'completed' end, now() - g * interval '1 minute', "
                + "now() - g * interval '1 minute', 1000000 + g, g * 10, 3000000, 'done' "
                + "from generate_series(1, ?) g")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, sourceId);
            ps.setInt(3, count);
            ps.executeUpdate();
        }
    }

    private static String newestId(UUID tenantId) throws Exception {
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement(
                "select id from backups where tenant_id = ? order by created_at desc, id desc limit 1")) {
            ps.setObject(1, tenantId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
