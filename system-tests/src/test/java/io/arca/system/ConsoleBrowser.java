package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: Debian's headless Chromium driven through its own chromedriver (Selenium; no
 * browser is downloaded). Skips when they are absent, fails instead under {@code ARCA_REQUIRE_INFRA=true} (the test
 * command installs them). Screenshots go to {@code docs/console/} at desktop and phone width.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 900;
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;
    private static final int MAX_SHOT_HEIGHT = 4000;

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    static ConsoleBrowser open(ArcaSystem arca) throws IOException {
        return open(arca.apiBaseUrl());
    }

    static ConsoleBrowser open(String baseUrl) throws IOException {
        String chromium = executable("ARCA_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = executable("ARCA_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("arca-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--lang=en-US",
                "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        return new ConsoleBrowser(new ChromeDriver(service, options), baseUrl, profile);
    }

    private static String executable(String env, String fallback) {
        String path = System.getenv(env) == null || System.getenv(env).isBlank() ? fallback : System.getenv(env);
        if (!Files.isExecutable(Path.of(path))) {
            String message = path + " is missing: the console's browser tests need Debian's chromium and "
                    + "chromium-driver (deploy/local/arca-local test installs them)";
            if ("true".equalsIgnoreCase(System.getenv("ARCA_REQUIRE_INFRA"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return path;
    }

    WebDriver driver() {
        return driver;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Opens a console address (a path such as {@code /console/backups}). */
    void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in through the sign-in page with an API key and waits for the overview. */
    void signIn(String apiKey) {
        go("/console/sign-in");
        driver.findElement(By.id("apiKey")).sendKeys(apiKey);
        driver.findElement(By.cssSelector("form[action='/console/sign-in'] button[type=submit]")).click();
        waitUntil(d -> d.getCurrentUrl().startsWith(baseUrl + "/console") && !d.getCurrentUrl().contains("sign-in"));
    }

    void signOut() {
        driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/console/sign-in"));
    }

    WebElement waitFor(By by) {
        return waitFor(by, WAIT);
    }

    WebElement waitFor(By by, Duration timeout) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, timeout);
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(condition, WAIT);
    }

    /** Waits for a condition; on timeout, says where the browser is and what the page shows. */
    <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
        try {
            // a page that reloads (after an API call, or a live region's refresh) replaces the elements under the
            // condition's feet: look again
            return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            String text = driver.findElements(By.tagName("body")).isEmpty() ? ""
                    : driver.findElement(By.tagName("body")).getText();
            throw new AssertionError("waited " + timeout + " on " + driver.getCurrentUrl() + ", page shows: "
                    + text.substring(0, Math.min(1500, text.length())), e);
        }
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The session cookie's value (HttpOnly: invisible to the page's scripts, visible to the driver). */
    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /**
     * Screenshots of the current page into {@code docs/console/NAME-desktop.png} (1280 wide) and
     * {@code NAME-phone.png} (390 wide, phone emulation), each of the whole page up to 4000 px high.
     */
    void screenshot(String name) throws IOException {
        Path dir = RepoRoot.path().resolve("docs/console");
        Files.createDirectories(dir);
        script("if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
        shoot(dir.resolve(name + "-desktop.png"), DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
        shoot(dir.resolve(name + "-phone.png"), PHONE_WIDTH, PHONE_HEIGHT, true);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void shoot(Path file, int width, int minHeight, boolean mobile) throws IOException {
        metrics(width, minHeight, mobile);
        Number scroll = (Number) script("return Math.max(document.documentElement.scrollHeight, "
                + "document.body ? document.body.scrollHeight : 0);");
        int height = Math.max(minHeight, Math.min(MAX_SHOT_HEIGHT, scroll.intValue()));
        // the viewport stays the device's (a taller one makes a mobile page zoom out to fit it); the capture goes
        // beyond it to the page's full height
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    private void metrics(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /**
     * Basic WCAG checks on the current page: a language, a title and one h1; every visible form control has a label
     * (label[for], a wrapping label, aria-label or aria-labelledby); images have alt text; buttons and links have a
     * name; at phone width nothing but a scrolling table is wider than the screen; and keyboard focus is visible
     * (the first focusable elements, reached with Tab, draw an outline).
     */
    void assertBasicAccessibility() {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) script("""
                var problems = [];
                if (!document.documentElement.lang) problems.push('no lang on html');
                if (!document.title) problems.push('no title');
                if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count ' + document.querySelectorAll('h1').length);
                document.querySelectorAll('input, select, textarea').forEach(function (el) {
                  if (el.type === 'hidden' || el.offsetParent === null) return;
                  var labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.closest('label')
                    || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
                  if (!labelled) problems.push('unlabelled ' + el.tagName + ' ' + (el.name || el.id));
                });
                document.querySelectorAll('img').forEach(function (img) {
                  if (!img.hasAttribute('alt')) problems.push('img without alt ' + img.src);
                });
                document.querySelectorAll('button, a[href]').forEach(function (el) {
                  if (el.offsetParent !== null && !(el.textContent.trim() || el.getAttribute('aria-label') || el.title))
                    problems.push('unnamed ' + el.tagName + ' ' + el.outerHTML.slice(0, 80));
                });
                return problems;""");
        assertThat(problems).as("accessibility problems on %s", driver.getCurrentUrl()).isEmpty();
        metrics(PHONE_WIDTH, PHONE_HEIGHT, true);
        try {
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) script("""
                    var wide = [];
                    document.querySelectorAll('body *').forEach(function (el) {
                      var r = el.getBoundingClientRect();
                      if (r.right > window.innerWidth + 1 && !el.closest('.table-wrap') && r.width > 0)
                        wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
                    });
                    return wide.slice(0, 5);""");
            assertThat(wide).as("wider than a %d px phone on %s", PHONE_WIDTH, driver.getCurrentUrl()).isEmpty();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        // from the top of the page: Chrome tabs on from the last focused element, which may be the page's last field
        script("var skip = document.querySelector('a.skip'); if (skip) skip.focus();");
        for (int i = 0; i < 3; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            String outline = (String) script("var el = document.activeElement; var s = getComputedStyle(el); "
                    + "return el === document.body ? 'body' : s.outlineStyle + ' ' + s.outlineWidth;");
            assertThat(outline).as("focus ring of the element reached with Tab %d on %s", i + 1,
                    driver.getCurrentUrl()).isNotEqualTo("body").doesNotStartWith("none");
        }
    }

    /** No JavaScript error (uncaught exception, failed script, console.error) since the last call. */
    void assertNoJavaScriptErrors() {
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // a deliberately refused API call (403/409 shown on the page) is logged by Chromium as a failed
                // resource load; those are asserted by the tests themselves
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
        assertThat(severe).as("JavaScript errors on %s", driver.getCurrentUrl()).isEmpty();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
