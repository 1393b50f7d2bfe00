package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Schedules and the admin pages in a real browser against the real services: an operator writes a cron and sees
 * the API's next five fire times for it (and the API's error for a bad one), saves the schedule and edits it (PUT
 * with If-Match); an admin creates an API key (secret shown once, and it works) and revokes it (and it stops
 * working), creates a webhook channel whose test event the receiver verifies with the secret shown once, and finds
 * all of it in the audit log.
 */
class ConsoleScheduleAdminTest {
    private static final Pattern SCHEDULE_URL = Pattern.compile("/console/schedules/([0-9a-f-]{36})$");
    private static final String TOKYO = "Asia/Tokyo";
    private static ArcaSystem arca;
    private static ArcaClient admin;
    private static String sourceName;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        admin = arca.client().createTenant("console-sched-" + arca.runId);
        sourceName = arca.sources.empty("sched");
        admin.createSource(arca.env, sourceName);
    }

    private static String key(String name, String role) {
        return admin.request().body(Map.of("name", name, "role", role)).post("/api/v1/api-keys").then()
                .statusCode(201).extract().path("secret");
    }

    /** The fire times the API previews for a cron in a zone. */
    private static List<String> apiFireTimes(String cron, String zone) {
        return admin.request().queryParam("cron", cron).queryParam("timeZone", zone)
                .get("/api/v1/schedule-timings/preview").then().statusCode(200).extract().path("upcoming");
    }

    /** The {@code datetime}s of the {@code <time>} elements under a selector, in one read (a preview is replaced). */
    @SuppressWarnings("unchecked")
    private static List<String> times(WebDriver driver, String selector) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return Array.from(document"
                + ".querySelectorAll(arguments[0] + ' time')).map(t => t.getAttribute('datetime'));", selector);
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static void accept(ConsoleBrowser browser) {
        new WebDriverWait(browser.driver(), ConsoleBrowser.WAIT).until(ExpectedConditions.alertIsPresent()).accept();
    }

    @Test
    void operatorSchedulesWithLiveNextRunsAndAdminManagesKeysChannelsAndAudit() throws Exception {
        String scheduleName = "nightly-" + arca.runId;
        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            WebDriver driver = browser.driver();
            browser.signIn(key("console-operator", "operator"));

            // a cron typed in the form: the API's next five fire times in the chosen zone, then its error
            browser.go("/console/schedules/new");
            type(browser.waitFor(By.id("s-name")), scheduleName);
            new Select(driver.findElement(By.id("s-source"))).selectByVisibleText(sourceName);
            new Select(driver.findElement(By.id("s-preset"))).selectByValue("");
            WebElement cron = browser.waitFor(By.id("s-cron"));
            type(driver.findElement(By.id("s-zone")), TOKYO);
            type(cron, "17 3 * * 1");
            List<String> expected = apiFireTimes("17 3 * * 1", TOKYO);
            assertThat(expected).hasSize(5);
            browser.waitUntil(d -> times(d, "#next-runs-preview").equals(apiFireTimes("17 3 * * 1", TOKYO)));
            assertThat(driver.findElement(By.id("next-runs-preview")).getText()).contains("Mon ").contains("03:17 JST");

            type(cron, "61 3 * * 1");
            WebElement error = browser.waitFor(By.cssSelector("#next-runs-preview [data-preview-error]"));
            assertThat(error.getText()).contains("Invalid cron expression").contains("field 1 (minute) '61'");
            assertThat(times(driver, "#next-runs-preview")).isEmpty();
            browser.assertNoJavaScriptErrors();

            type(cron, "17 3 * * 1");
            browser.waitUntil(d -> times(d, "#next-runs-preview").size() == 5);
            type(driver.findElement(By.id("r-daily")), "7");
            type(driver.findElement(By.id("r-weekly")), "4");
            driver.findElement(By.cssSelector("#schedule-form button[type=submit]")).click();

            // saved: its page lists the next runs the API gives for the saved schedule
            String id = browser.waitUntil(d -> {
                Matcher m = SCHEDULE_URL.matcher(d.getCurrentUrl());
                return m.find() ? m.group(1) : null;
            });
            List<String> saved = admin.request().queryParam("upcoming", "5").get("/api/v1/schedules/" + id).then()
                    .statusCode(200).extract().path("upcoming");
            browser.waitFor(By.id("schedule-next-runs"));
            assertThat(times(driver, "#schedule-next-runs")).isEqualTo(saved);
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Cron 17 3 * * 1")
                    .contains("keepDaily 7, keepWeekly 4");
            browser.waitUntil(d -> times(d, "#next-runs-preview").size() == 5);
            browser.waitFor(By.cssSelector("#retention-preview .preview-title"));
            assertThat(driver.findElement(By.id("retention-preview")).getText()).contains("keep 0")
                    .contains("no backups yet");
            browser.assertNoJavaScriptErrors();
            browser.screenshot("schedule-edit");

            // an edit is a PUT with the version read (If-Match): daily at 05:30
            new Select(driver.findElement(By.id("s-preset"))).selectByValue("daily");
            type(browser.waitFor(By.id("s-at")), "05:30");
            driver.findElement(By.cssSelector("#schedule-form button[type=submit]")).click();
            browser.waitUntil(d -> d.findElement(By.tagName("main")).getText().contains("Daily at 05:30"));
            var edited = admin.request().queryParam("upcoming", "5").get("/api/v1/schedules/" + id).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(edited.getString("cron")).isEqualTo("30 5 * * *");
            assertThat(edited.getLong("version")).isEqualTo(1);
            for (String time : edited.getList("upcoming", String.class)) {
                assertThat(Instant.parse(time).atZone(ZoneId.of(TOKYO)).toLocalTime()).isEqualTo(LocalTime.of(5, 30));
            }
            assertThat(times(driver, "#schedule-next-runs")).isEqualTo(edited.getList("upcoming", String.class));
            browser.assertNoJavaScriptErrors();

            browser.go("/console/schedules");
            WebElement row = browser.waitFor(By.xpath("//table//a[text()='" + scheduleName + "']"))
                    .findElement(By.xpath("./ancestor::tr"));
            assertThat(row.getText()).contains(sourceName).contains("Daily at 05:30").contains(TOKYO)
                    .contains("enabled").contains("never run");
            browser.assertNoJavaScriptErrors();
            browser.screenshot("schedules");
            browser.signOut();

            browser.signIn(admin.key());
            String keyName = "ci-pipeline-" + arca.runId;
            String secret = createApiKey(browser, keyName);
            browser.screenshot("api-keys");
            revokeApiKey(browser, keyName, secret);

            webhookChannel(browser);

            browser.go("/console/audit");
            WebElement audit = browser.waitFor(By.cssSelector("table.audit"));
            assertThat(audit.getText()).contains("schedule.create").contains("schedule.update")
                    .contains("api-key.create").contains("api-key.revoke").contains("notification-channel.create")
                    .contains("notification-channel.test").contains("console-operator");
            browser.assertNoJavaScriptErrors();
            browser.screenshot("audit");
            type(driver.findElement(By.id("a-action")), "api-key.*");
            driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("action=api-key"));
            List<String> actions = driver.findElements(By.cssSelector("table.audit td:nth-child(3)")).stream()
                    .map(WebElement::getText).toList();
            assertThat(actions).isNotEmpty().allMatch(a -> a.startsWith("api-key.")).contains("api-key.revoke");
            browser.assertNoJavaScriptErrors();
        }
    }

    /** Creates a viewer key on the API keys page; its secret is shown once and works. */
    private static String createApiKey(ConsoleBrowser browser, String name) {
        WebDriver driver = browser.driver();
        browser.go("/console/api-keys");
        type(browser.waitFor(By.id("k-name")), name);
        new Select(driver.findElement(By.id("k-role"))).selectByValue("viewer");
        driver.findElement(By.cssSelector("#api-key-form button[type=submit]")).click();
        String secret = browser.waitFor(By.cssSelector("#new-secret [data-secret]")).getText();
        assertThat(secret).isNotBlank();
        assertThat(new ArcaClient(arca.apiBaseUrl(), secret).request().get("/api/v1/sources").statusCode())
                .isEqualTo(200);
        browser.assertNoJavaScriptErrors();
        return secret;
    }

    /** Follows a link and waits until its page is gone (else the next lookup may find the old page's elements). */
    private static void leave(ConsoleBrowser browser, WebElement link) {
        link.click();
        browser.waitUntil(ExpectedConditions.stalenessOf(link));
    }

    /** Revokes it from the list (confirming the dialog); the secret stops working. */
    private static void revokeApiKey(ConsoleBrowser browser, String name, String secret) {
        WebDriver driver = browser.driver();
        leave(browser, driver.findElement(By.cssSelector("#new-secret a.btn")));
        WebElement row = browser.waitFor(By.xpath("//table[contains(@class,'api-keys')]//td[text()='" + name
                + "']/ancestor::tr"));
        assertThat(driver.getPageSource()).doesNotContain(secret);
        row.findElement(By.xpath(".//button[text()='Revoke']")).click();
        accept(browser);
        browser.waitUntil(d -> d.findElement(By.xpath("//table[contains(@class,'api-keys')]//td[text()='" + name
                + "']/ancestor::tr")).getText().contains("revoked"));
        assertThat(new ArcaClient(arca.apiBaseUrl(), secret).request().get("/api/v1/sources").statusCode())
                .isEqualTo(401);
        browser.assertNoJavaScriptErrors();
    }

    /** A webhook channel created on the page: its test event reaches the receiver signed with the secret shown. */
    private static void webhookChannel(ConsoleBrowser browser) throws Exception {
        WebDriver driver = browser.driver();
        String name = "ops-hook-" + arca.runId;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            browser.go("/console/channels");
            type(browser.waitFor(By.id("c-name")), name);
            type(driver.findElement(By.id("c-url")), receiver.url());
            driver.findElement(By.cssSelector("#channel-form button[type=submit]")).click();
            String secret = browser.waitFor(By.cssSelector("#new-secret [data-secret]")).getText();
            assertThat(secret).startsWith("whsec_");
            leave(browser, driver.findElement(By.cssSelector("#new-secret a.btn")));
            WebElement row = browser.waitFor(By.xpath("//table[contains(@class,'channels')]//a[text()='" + name
                    + "']/ancestor::tr"));
            assertThat(row.getText()).contains("webhook").contains(receiver.url()).contains("enabled");
            browser.assertNoJavaScriptErrors();
            browser.screenshot("channels");

            row.findElement(By.xpath(".//button[text()='Test']")).click();
            browser.waitUntil(d -> d.getCurrentUrl().matches(".*/console/channels/[0-9a-f-]{36}$"));
            List<WebhookReceiver.Received> got = receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(60));
            assertThat(got).isNotEmpty();
            assertThat(got.get(0).body()).contains("notification.test");
            assertThat(WebhookReceiver.verifies(secret, got.get(0))).as("signed with the secret shown once").isTrue();
            String channelPage = driver.getCurrentUrl().substring(arca.apiBaseUrl().length());
            browser.waitUntil(d -> {
                browser.go(channelPage);
                return d.findElement(By.tagName("main")).getText().contains("delivered");
            });
            assertThat(driver.findElement(By.cssSelector("table.deliveries")).getText())
                    .contains("notification.test").contains("HTTP 2");
            browser.assertNoJavaScriptErrors();
            browser.screenshot("channel");
        }
    }
}
