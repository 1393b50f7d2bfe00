package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The restore wizard in a real Chromium against the real services: one table of a backup restored over a different
 * version of it in an existing database, through the dry run's preview and the typed confirmation, followed live on
 * the restore's page to completed. The restored table then equals the backed-up one (checksums) and the target's other
 * tables are as they were.
 */
class ConsoleRestoreTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String ORDERS = "public.orders";
    private static ArcaSystem arca;
    private static ArcaClient api;
    private static UUID source;
    private static UUID backup;
    private static DatabaseFingerprint original;

    @BeforeAll
    static void backUpAShop() throws Exception {
        arca = ArcaSystem.shared();
        api = arca.client();
        String shop = arca.sources.empty("shop");
        arca.sources.execute(shop, """
                create table customers (id int primary key, name text not null);
                insert into customers select g, 'customer ' || g from generate_series(1, 40) g;
                create table orders (id int primary key, customer_id int references customers, item text, qty int);
                insert into orders select g, 1 + g % 40, md5(g::text), g % 7 from generate_series(1, 300) g;
                """);
        source = api.createSource(arca.env, shop);
        original = TableChecksums.capture(arca.sources.spec(shop));
        backup = UUID.fromString(api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, WAIT).getString("id"));
    }

    @Test
    void oneTableRestoredThroughTheWizardEqualsTheBackupAndLeavesTheOthersAlone() throws Exception {
        // an existing database with its own, different orders (120 rows) and tables the restore must not touch
        String target = arca.sources.empty("live");
        arca.sources.execute(target, """
                create table customers (id int primary key, name text not null);
                insert into customers select g, 'renamed ' || g from generate_series(1, 7) g;
                create table orders (id int primary key, customer_id int references customers, item text, qty int);
                insert into orders select g, 1 + g % 7, 'changed', 99 from generate_series(1, 120) g;
                create table keep_me (id int primary key, note text);
                insert into keep_me select g, md5(g::text) from generate_series(1, 50) g;
                """);
        DatabaseFingerprint before = TableChecksums.capture(arca.sources.spec(target));
        assertThat(before.tables().get(ORDERS)).isNotEqualTo(original.tables().get(ORDERS));
        String operator = createKey("console-restore-operator", "operator");
        // the API itself refuses the overwrite without confirmDataLoss, whatever a page does
        Response unconfirmed = api.request().body("{\"backupId\":\"" + backup + "\",\"target\":{\"sourceId\":\""
                + source + "\",\"database\":\"" + target + "\"},\"tables\":[\"" + ORDERS + "\"],\"dropExisting\":true}")
                .post("/api/v1/restores");
        assertThat(unconfirmed.statusCode()).as(unconfirmed.asString()).isEqualTo(409);
        assertThat(unconfirmed.asString()).contains("data-loss-unconfirmed");

        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            browser.signIn(operator);
            browser.go("/console/restore?backupId=" + backup);
            WebDriver driver = browser.driver();
            assertThat(driver.findElements(By.cssSelector("input[name='table']"))).hasSize(2);

            // step 1: the existing database, orders alone; first in the default mode, which would conflict
            WebElement database = driver.findElement(By.id("target-database"));
            database.clear();
            database.sendKeys(target);
            driver.findElement(By.cssSelector("button[data-tables='none']")).click();
            driver.findElement(By.cssSelector("input[name='table'][value='" + ORDERS + "']")).click();
            driver.findElement(By.id("dry-run")).click();
            WebElement blocking = browser.waitFor(By.id("preview-blocking"), WAIT);
            assertThat(blocking.getText()).contains("orders");
            assertThat(driver.findElement(By.id("step-confirm")).isDisplayed()).as("no confirmation of a restore "
                    + "that would fail").isFalse();

            // replacing what is there instead: the old preview is void, a new dry run is needed
            driver.findElement(By.cssSelector("input[name='mode'][value='dropExisting']")).click();
            assertThat(driver.findElement(By.id("dry-run-status")).getText()).contains("run the dry run again");
            driver.findElement(By.id("dry-run")).click();
            browser.waitFor(By.id("overwrite-list"), WAIT);

            // step 2: the dry run's preview names the table, the rows it loads and the rows there now
            assertThat(driver.findElements(By.id("preview-blocking"))).isEmpty();
            WebElement preview = driver.findElement(By.id("preview-tables"));
            List<String> rows = preview.findElements(By.cssSelector("tbody tr")).stream()
                    .map(WebElement::getText).toList();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).contains(ORDERS).contains("replace").contains("300").contains("120");
            assertThat(driver.findElement(By.id("preview-conflicts")).getText()).contains(ORDERS).contains("120 rows");

            // step 3: names what is overwritten; the button waits for the database's exact name
            WebElement overwrites = driver.findElement(By.id("overwrite-list"));
            assertThat(overwrites.getText()).contains(ORDERS).contains("120 rows");
            assertThat(overwrites.getText()).doesNotContain("customers").doesNotContain("keep_me");
            WebElement confirm = driver.findElement(By.id("confirm-restore"));
            WebElement typed = driver.findElement(By.id("confirm-database"));
            assertThat(confirm.isEnabled()).isFalse();
            typed.sendKeys(target.substring(0, target.length() - 1));
            assertThat(confirm.isEnabled()).as("a name one letter short").isFalse();
            typed.sendKeys(target.substring(target.length() - 1) + "x");
            assertThat(confirm.isEnabled()).as("a name one letter long").isFalse();
            typed.clear();
            typed.sendKeys(target);
            assertThat(confirm.isEnabled()).isTrue();
            browser.screenshot("restore-wizard");
            browser.assertBasicAccessibility();
            browser.assertNoJavaScriptErrors();
            confirm.click();

            // the restore's page follows it live to its end
            browser.waitUntil(d -> d.getCurrentUrl().contains("/console/restores/"));
            String restoreId = driver.getCurrentUrl().replaceAll(".*/console/restores/", "").replaceAll("[?#].*", "");
            WebElement done = browser.waitFor(By.cssSelector(".restore-live[data-live-final]"), WAIT);
            assertThat(done.getAttribute("data-state")).as(done.getText()).isEqualTo("completed");
            assertThat(driver.findElement(By.id("restored-tables")).getText()).contains(ORDERS).contains("300");
            assertThat(driver.findElement(By.id("tables-done")).getText()).isEqualTo("1 of 1");
            String safety = api.request().get("/api/v1/restores/" + restoreId).jsonPath().getString("safetyBackupId");
            assertThat(safety).isNotNull();
            assertThat(driver.findElement(By.id("safety-backup")).getAttribute("href"))
                    .endsWith("/console/backups/" + safety);
            browser.screenshot("restore");
            browser.assertBasicAccessibility();
            browser.assertNoJavaScriptErrors();
        }

        DatabaseFingerprint after = TableChecksums.capture(arca.sources.spec(target));
        assertThat(after.tables().get(ORDERS)).isEqualTo(original.tables().get(ORDERS));
        assertThat(after.tables().get("public.customers")).isEqualTo(before.tables().get("public.customers"));
        assertThat(after.tables().get("public.keep_me")).isEqualTo(before.tables().get("public.keep_me"));
        assertThat(after.tables()).containsOnlyKeys(ORDERS, "public.customers", "public.keep_me");
    }

    @Test
    void aViewerSeesTheWizardWithoutItsRunButtons() throws Exception {
        String viewer = createKey("console-restore-viewer", "viewer");
        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            browser.signIn(viewer);
            browser.go("/console/restore?backupId=" + backup);
            WebDriver driver = browser.driver();
            browser.waitFor(By.id("restore-form"), Duration.ofSeconds(30));
            assertThat(driver.findElements(By.id("dry-run"))).isEmpty();
            assertThat(driver.findElements(By.id("confirm-restore"))).isEmpty();
            assertThat(driver.findElement(By.id("viewer-note")).getText()).contains("viewer");
            browser.assertBasicAccessibility();
            browser.assertNoJavaScriptErrors();

            // bad addresses get the problem in words, not a blank page or a stack trace
            browser.go("/console/restore?backupId=not-a-backup");
            assertThat(browser.waitFor(By.id("main")).getText()).contains("backupId");
            browser.go("/console/restore");
            assertThat(browser.waitFor(By.id("main")).getText()).contains("backupId is required");
            UUID unknown = UUID.randomUUID();
            browser.go("/console/restore?backupId=" + unknown);
            assertThat(browser.waitFor(By.id("main")).getText()).contains(unknown.toString()).contains("not found");
            browser.go("/console/restores/" + unknown);
            assertThat(browser.waitFor(By.id("main")).getText()).contains(unknown.toString()).contains("not found");
            browser.go("/console/restores/not-a-restore");
            assertThat(browser.waitFor(By.id("main")).getText()).contains("not-a-restore").contains("not found");
        }
    }

    private static String createKey(String name, String role) {
        Response created = api.request().body("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}")
                .post("/api/v1/api-keys");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.jsonPath().getString("secret");
    }
}
