package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's sign-in and its guards in a real browser against the real services: sign-in and sign-out (the
 * session is dead afterwards, for the API too), the overview of a tenant's sources, a viewer sees no control that
 * changes anything on any page, and a forged post from another site changes nothing (cross-site: the SameSite=Strict
 * cookie is not sent; same site, other origin: the cookie is sent but the CSRF token is missing).
 */
class ConsoleAuthTest {
    private static final String MUTATING = "[data-api^='POST'], [data-api^='PUT'], [data-api^='DELETE'], "
            + "[data-api^='PATCH'], a[href='/console/sources/new'], a[href^='/console/restore'], "
            + "a[href='/console/schedules/new']";
    private static ArcaSystem arca;
    private static ArcaClient admin;
    private static UUID backedUp;
    private static UUID backupId;
    private static String demo;
    private static String sample;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        admin = arca.client().createTenant("console-auth-" + arca.runId);
        demo = arca.sources.demo();
        sample = arca.sources.sample();
        backedUp = admin.createSource(arca.env, demo);
        admin.createSource(arca.env, sample);
        backupId = UUID.fromString(admin.backupAndAwait(backedUp, ArcaClient.ZSTD_ENCRYPTED, Duration.ofMinutes(4))
                .getString("id"));
    }

    @AfterAll
    static void stop() {
        arca = null;
    }

    private static String key(String role) {
        return admin.request().body(Map.of("name", "console-" + role, "role", role)).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("secret");
    }

    @Test
    void signInShowsTheOverviewAndSignOutEndsTheSession() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            browser.go("/console");
            browser.waitFor(By.id("apiKey"));
            assertThat(browser.driver().getCurrentUrl()).contains("/console/sign-in");
            browser.screenshot("sign-in");
            browser.signIn(key("operator"));
            String session = browser.cookie("arca_session");
            assertThat(session).isNotBlank();
            // HttpOnly: the page's scripts cannot read it; and no key is kept in the browser's storage
            assertThat((String) browser.script("return document.cookie")).doesNotContain("arca_session");
            assertThat((Long) browser.script("return window.localStorage.length + window.sessionStorage.length"))
                    .isZero();

            WebElement row = browser.waitFor(By.xpath("//table//a[text()='" + demo + "']"))
                    .findElement(By.xpath("./ancestor::tr"));
            assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("ok");
            WebElement never = browser.waitFor(By.xpath("//table//a[text()='" + sample + "']"))
                    .findElement(By.xpath("./ancestor::tr"));
            assertThat(never.findElement(By.cssSelector(".badge")).getText()).isEqualTo("never");
            browser.assertNoJavaScriptErrors();
            browser.assertBasicAccessibility();
            browser.screenshot("overview");

            browser.signOut();
            browser.go("/console");
            browser.waitFor(By.id("apiKey"));
            HttpResponse<String> withOldCookie = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(arca.apiBaseUrl() + "/api/v1/sources")).header("Cookie", "arca_session=" + session)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withOldCookie.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aViewerSeesNoControlThatChangesAnything() throws Exception {
        List<String> pages = List.of("/console", "/console/backups", "/console/backups/" + backupId,
                "/console/sources/" + backedUp, "/console/schedules", "/console/channels", "/console/audit");
        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            browser.signIn(key("viewer"));
            for (String page : pages) {
                browser.go(page);
                browser.waitFor(By.id("main"));
                assertThat(browser.driver().findElements(By.cssSelector(MUTATING)))
                        .as("mutating controls on %s for a viewer", page).isEmpty();
                browser.assertNoJavaScriptErrors();
                browser.assertBasicAccessibility();
            }
            assertThat(browser.driver().findElements(By.linkText("API keys"))).isEmpty();
            // what a viewer could still try by hand, the API refuses
            Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; window.arca.api('POST', '/api/v1/backups', "
                            + "{sourceId: arguments[0], "
                            + "type: 'full'}).then(function () { done(200); }, function (p) { done(p.status); });",
                    backedUp.toString());
            assertThat(((Number) status).intValue()).isEqualTo(403);
        }
        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            browser.signIn(key("operator"));
            browser.go("/console");
            assertThat(browser.driver().findElements(By.cssSelector("a[href='/console/sources/new']"))).isNotEmpty();
        }
    }

    @Test
    void aForgedPostFromAnotherSiteChangesNothing() throws Exception {
        UUID schedule = UUID.fromString(admin.request().body(Map.of("name", "csrf-target",
                        "sourceId", backedUp.toString(), "type", "full", "timing", Map.of("preset", "daily", "at", "03:00"),
                        "timeZone", "UTC", "retention", Map.of("keepLast", 3))).post("/api/v1/schedules")
                .then().statusCode(201).extract().path("id"));
        String target = arca.apiBaseUrl() + "/api/v1/schedules/" + schedule + "/disable";
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // a plain form post gets 415 before any guard (the endpoint takes JSON); a body-less fetch is what reaches
        // the guards. no-cors: the page cannot read the answer, it only says when the request is done
        byte[] page = ("<!DOCTYPE html><html><body><script>fetch('" + target + "', {method: 'POST', mode: 'no-cors', "
                + "credentials: 'include'}).then(function () { document.title = 'sent'; }, function (e) { "
                + "document.title = 'error ' + e; });</script></body></html>").getBytes(StandardCharsets.UTF_8);
        attacker.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        int port = attacker.getAddress().getPort();
        try (ConsoleBrowser browser = ConsoleBrowser.open(arca)) {
            browser.signIn(key("operator"));
            // another site (localhost is not 127.0.0.1's site): the SameSite=Strict cookie stays home
            browser.driver().get("http://localhost:" + port + "/");
            browser.waitUntil(d -> "sent".equals(d.getTitle()));
            assertThat(enabled(schedule)).isTrue();
            // the same site on another port gets the cookie sent, but no CSRF token: refused
            browser.driver().get("http://127.0.0.1:" + port + "/");
            browser.waitUntil(d -> "sent".equals(d.getTitle()));
            assertThat(enabled(schedule)).isTrue();
            // the console's own call with the token does it: the refusals above were the guards, nothing else
            browser.go("/console");
            Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; "
                            + "window.arca.api('POST', arguments[0]).then(function (r) { done(r.status); }, function (p) { done(p.status); });",
                    "/api/v1/schedules/" + schedule + "/disable");
            assertThat(((Number) status).intValue()).isEqualTo(200);
            assertThat(enabled(schedule)).isFalse();
        } finally {
            attacker.stop(0);
        }
    }

    private static boolean enabled(UUID schedule) {
        JsonPath view = admin.request().get("/api/v1/schedules/" + schedule).then().statusCode(200).extract().jsonPath();
        return view.getBoolean("enabled");
    }
}
