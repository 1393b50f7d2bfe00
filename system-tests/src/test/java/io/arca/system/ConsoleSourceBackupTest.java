package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The source and backup pages in a real Chromium against the real services: an operator registers the demo database
 * through the console's form, checks its connection (the page shows the server's version), backs it up from the source
 * page and follows the progress bar to completed at 100%, sees the backup's tables with the rows the API counts, and
 * downloads its SQL through the page's format picker; those bytes (decompressed) equal what the API's own download
 * link for the same format gives. Screenshots of the three pages land in docs/console/.
 */
class ConsoleSourceBackupTest {
    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final Duration BACKUP = Duration.ofMinutes(4);
    private static ArcaSystem arca;
    private static ArcaClient operator;
    private static String operatorKey;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        // a tenant of its own: its pages list only what this test made (and the screenshots show just that)
        String tenantName = "console-src-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = arca.client().request().body("{\"name\":\"" + tenantName + "\"}").post("/api/v1/tenants")
                .then().statusCode(201).extract().path("adminKey.secret");
        operatorKey = new ArcaClient(arca.apiBaseUrl(), admin).request()
                .body("{\"name\":\"console operator\",\"role\":\"operator\"}").post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("secret");
        operator = new ArcaClient(arca.apiBaseUrl(), operatorKey);
        browser = ConsoleBrowser.open(arca);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void registerCheckBackUpFollowAndDownload() throws Exception {
        String database = arca.sources.demo();
        browser.signIn(operatorKey);

        UUID sourceId = registerSource(database);
        String sourcePage = browser.driver().getPageSource();
        assertThat(sourcePage).contains(database);
        assertThat(browser.driver().findElements(By.cssSelector("input[name=password]"))).isEmpty();
        browser.assertNoJavaScriptErrors();

        checkConnectionShowsVersion(sourceId);

        UUID backupId = backUpFromSourcePage(sourceId);
        followProgressToDone(backupId);
        tablesShowTheApisRows(backupId);

        downloadedSqlEqualsTheApisLink(backupId);
        browser.assertNoJavaScriptErrors();
        browser.screenshot("backup");

        // a second backup with the page's default options, data unchanged: stored again, almost nothing new
        UUID second = operator.requestBackup(sourceId, "\"compression\":{\"algorithm\":\"zstd\",\"level\":3}");
        operator.awaitBackupCompleted(second, BACKUP);
        browser.go("/console/sources/" + sourceId);
        assertThat(browser.driver().findElements(By.cssSelector("svg.timeline rect.stored"))).hasSize(2);
        assertThat(browser.driver().findElements(By.cssSelector("svg.timeline rect.stored title")))
                .allSatisfy(title -> assertThat(title.getAttribute("textContent")).contains("completed: stored"));
        assertThat(browser.driver().findElement(By.cssSelector("#newest-backups a[href='/console/backups/" + backupId
                + "']")).isDisplayed()).isTrue();
        browser.driver().findElement(By.cssSelector("#check-connection button[type=submit]")).click();
        new WebDriverWait(browser.driver(), PAGE).until(d -> d.findElement(By.id("check-result")).getText()
                .contains("PostgreSQL"));
        browser.assertNoJavaScriptErrors();
        browser.screenshot("source");

        browser.go("/console/backups?sourceId=" + sourceId);
        browser.waitFor(By.cssSelector("#backups a[href='/console/backups/" + backupId + "']"), PAGE);
        assertThat(browser.driver().findElements(By.cssSelector("#backups tbody tr"))).hasSize(2);
        assertThat(new Select(browser.driver().findElement(By.id("f-source"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo(sourceId.toString());
        browser.assertNoJavaScriptErrors();
        browser.screenshot("backups");

        browser.go("/console/backups?state=failed&sourceId=" + sourceId);
        assertThat(browser.driver().findElements(By.cssSelector("#backups a[href='/console/backups/" + backupId
                + "']"))).as("a completed backup is filtered out by state=failed").isEmpty();
        browser.assertNoJavaScriptErrors();

        // the API's refusal is on the page: the name is taken in this tenant
        browser.go("/console/sources/new");
        type("src-name", database);
        type("src-host", arca.env.pgHost());
        type("src-database", database);
        type("src-username", arca.env.pgUser());
        type("src-password", arca.env.pgPassword());
        browser.driver().findElement(By.cssSelector("#register-source button[type=submit]")).click();
        WebElement refusal = browser.waitFor(By.cssSelector("#register-source .error[role=alert]"), PAGE);
        assertThat(refusal.getText()).contains("exists");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/sources/new");
        browser.assertNoJavaScriptErrors();
        arca.sources.drop(database);
    }

    /** Fills the register form as a user would; the page goes on to the new source's page. */
    private UUID registerSource(String database) {
        browser.go("/console/sources/new");
        WebDriver driver = browser.driver();
        type("src-name", database);
        type("src-host", arca.env.pgHost());
        type("src-port", String.valueOf(arca.env.pgPort()));
        type("src-database", database);
        type("src-username", arca.env.pgUser());
        type("src-password", arca.env.pgPassword());
        new Select(driver.findElement(By.id("src-ssl"))).selectByValue("disable");
        browser.assertNoJavaScriptErrors();
        driver.findElement(By.cssSelector("#register-source button[type=submit]")).click();
        new WebDriverWait(driver, PAGE).until(d -> d.getCurrentUrl().matches(".*/console/sources/[0-9a-f-]{36}$"));
        String url = driver.getCurrentUrl();
        UUID id = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
        assertThat(operator.request().get("/api/v1/sources/" + id).then().statusCode(200).extract()
                .<String>path("name"))
                .isEqualTo(database);
        return id;
    }

    private void checkConnectionShowsVersion(UUID sourceId) {
        String version = operator.request().post("/api/v1/sources/" + sourceId + "/check").then().statusCode(200)
                .extract().path("serverVersion");
        assertThat(version).isNotBlank();
        browser.driver().findElement(By.cssSelector("#check-connection button[type=submit]")).click();
        new WebDriverWait(browser.driver(), PAGE).until(d -> d.findElement(By.id("check-result")).getText()
                .contains("PostgreSQL"));
        assertThat(browser.driver().findElement(By.id("check-result")).getText())
                .contains("connected").contains("PostgreSQL " + version);
        browser.assertNoJavaScriptErrors();
    }

    private UUID backUpFromSourcePage(UUID sourceId) {
        WebDriver driver = browser.driver();
        new Select(driver.findElement(By.id("bk-type"))).selectByValue("full");
        driver.findElement(By.cssSelector("#backup-now button[type=submit]")).click();
        new WebDriverWait(driver, PAGE).until(d -> d.getCurrentUrl().matches(".*/console/backups/[0-9a-f-]{36}$"));
        String url = driver.getCurrentUrl();
        UUID backupId = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
        assertThat(operator.backup(backupId).getString("sourceId")).isEqualTo(sourceId.toString());
        return backupId;
    }

    /**
     * The page follows the backup by itself (live fragment, then one reload at the end): no navigation here, only
     * waiting until the badge says completed and the bar is full.
     */
    private void followProgressToDone(UUID backupId) {
        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser.driver(), BACKUP).ignoring(StaleElementReferenceException.class).until(d -> {
            String state = d.findElement(By.id("backup-state")).getText();
            String percent = d.findElement(By.cssSelector("#backup-progress [role=progressbar]"))
                    .getAttribute("aria-valuenow");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state + " " + percent)) {
                seen.add(state + " " + percent);
            }
            return "completed".equals(state) && "100".equals(percent);
        });
        System.out.println("console: the backup page showed " + seen);
        assertThat(operator.backup(backupId).getString("state")).isEqualTo("completed");
        WebElement bar = browser.driver().findElement(By.cssSelector("#backup-progress [role=progressbar] span"));
        assertThat(bar.getAttribute("style")).contains("width: 100%");
        browser.assertNoJavaScriptErrors();
    }

    /** Every table-data entry's rows on the page equal the API's contents of the backup. */
    private void tablesShowTheApisRows(UUID backupId) {
        List<WebElement> rows = new WebDriverWait(browser.driver(), PAGE)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector("#backup-tables tbody tr"));
                    return found.isEmpty() ? null : found;
                });
        Map<String, String> onPage = new HashMap<>();
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            onPage.put(cells.get(0).getText(), cells.get(1).getText());
        }
        JsonPath contents = operator.request().get("/api/v1/backups/" + backupId + "/contents?limit=200").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = contents.getList("items");
        long tables = 0;
        long withRows = 0;
        for (Map<String, Object> entry : entries) {
            if (!"table-data".equals(entry.get("kind"))) {
                continue;
            }
            tables++;
            String name = entry.get("schema") + "." + entry.get("table");
            long count = ((Number) entry.get("rows")).longValue();
            withRows += count > 0 ? 1 : 0;
            assertThat(onPage).as("the page's tables").containsEntry(name, String.valueOf(count));
        }
        assertThat(tables).isPositive();
        assertThat(withRows).as("tables with rows in the demo database").isPositive();
    }

    /** The page's format picker makes a gzip SQL link; its bytes, ungzipped, equal the API's link's. */
    private void downloadedSqlEqualsTheApisLink(UUID backupId) throws Exception {
        WebDriver driver = browser.driver();
        browser.go("/console/backups/" + backupId);
        new Select(driver.findElement(By.id("dl-format"))).selectByValue("sql");
        new Select(driver.findElement(By.id("dl-compression"))).selectByValue("gzip");
        driver.findElement(By.cssSelector("#download button[type=submit]")).click();
        WebElement link = browser.waitFor(By.id("download-link"), PAGE);
        String pageUrl = link.getAttribute("href");
        assertThat(link.getText()).endsWith(".sql.gz");

        String apiUrl = operator.createDownloadLink(backupId, "{\"format\":\"sql\",\"compression\":\"gzip\"}")
                .getString("url");
        assertThat(pageUrl).isNotEqualTo(apiUrl);
        byte[] fromPage = gunzip(fetch(pageUrl));
        byte[] fromApi = gunzip(fetch(apiUrl));
        assertThat(fromPage.length).isPositive();
        assertThat(fromPage).as("SQL through the page's link vs the API's").isEqualTo(fromApi);
        assertThat(new String(fromPage, StandardCharsets.UTF_8)).contains("COPY ");
    }

    private static byte[] fetch(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            return response.body();
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static void type(String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
