package io.arca.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in contract over real HTTP: an API key is exchanged for an HttpOnly, SameSite=Strict session
 * cookie; the session acts as its key (roles enforced by the API), mutating calls need the session's CSRF token,
 * sign-out and key revocation end it, and what each bad input gets.
 */
@QuarkusTest
class ConsoleSessionTest extends ApiTest {
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A signed-in browser: its session cookie and the CSRF token its pages carry. */
    record Session(String cookie, String csrf) {
    }

    static Session signIn(String apiKey) {
        Response form = given().get("/console/sign-in");
        form.then().statusCode(200).contentType(ContentType.HTML);
        String formToken = find(FORM_TOKEN, form.asString());
        assertThat(form.getCookie("arca_sign_in")).isEqualTo(formToken);
        Response signedIn = given().redirects().follow(false).cookie("arca_sign_in", formToken)
                .formParams(Map.of("apiKey", apiKey, "_csrf", formToken, "next", "/console/backups?state=failed"))
                .post("/console/sign-in");
        signedIn.then().statusCode(303).header("Location", containsString("/console/backups?state=failed"));
        String cookie = signedIn.getCookie("arca_session");
        assertThat(cookie).isNotBlank();
        String page = given().cookie("arca_session", cookie).get("/console").then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();
        return new Session(cookie, find(CSRF_META, page));
    }

    private static String find(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as("pattern %s in page", pattern).isTrue();
        return m.group(1);
    }

    @Test
    void sessionCookieIsHttpOnlyStrictAndExpires() {
        TenantKeys tenant = newTenant();
        Response form = given().get("/console/sign-in");
        String formToken = find(FORM_TOKEN, form.asString());
        Response signedIn = given().redirects().follow(false).cookie("arca_sign_in", formToken)
                .formParams(Map.of("apiKey", tenant.operator(), "_csrf", formToken)).post("/console/sign-in");
        String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("arca_session=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/").containsIgnoringCase("Max-Age=28800")
                // plain HTTP here: Secure would make the browser drop it
                .doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
        // the key itself is in no cookie and not in the page
        assertThat(signedIn.getHeaders().getValues("Set-Cookie")).noneMatch(c -> c.contains(tenant.operator()));
        assertThat(given().cookie("arca_session", signedIn.getCookie("arca_session")).get("/console").asString())
                .doesNotContain(tenant.operator());
    }

    @Test
    void aSessionActsAsItsKeyAndNeedsTheCsrfTokenToChangeAnything() {
        TenantKeys tenant = newTenant();
        Session operator = signIn(tenant.operator());
        given().cookie("arca_session", operator.cookie()).get("/api/v1/sources").then().statusCode(200);
        // a cross-site form post cannot set the header: refused, nothing created
        given().cookie("arca_session", operator.cookie()).contentType(ContentType.JSON)
                .body(reachableSource("forged")).post("/api/v1/sources")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("X-CSRF-Token"));
        given().cookie("arca_session", operator.cookie()).header("X-CSRF-Token", "guess").contentType(ContentType.JSON)
                .body(reachableSource("forged")).post("/api/v1/sources").then().statusCode(403);
        as(tenant.viewer()).get("/api/v1/sources").then().body("items.size()", equalTo(0));
        given().cookie("arca_session", operator.cookie()).header("X-CSRF-Token", operator.csrf())
                .contentType(ContentType.JSON).body(reachableSource("from-console")).post("/api/v1/sources")
                .then().statusCode(201);
        // another session's token is not this one's
        Session other = signIn(tenant.operator());
        assertThat(other.csrf()).isNotEqualTo(operator.csrf());
        given().cookie("arca_session", operator.cookie()).header("X-CSRF-Token", other.csrf())
                .contentType(ContentType.JSON).body(reachableSource("x")).post("/api/v1/sources")
                .then().statusCode(403);
    }

    @Test
    void aViewerSessionSeesNoMutatingControlsAndTheApiStillRefuses() {
        TenantKeys tenant = newTenant();
        Session viewer = signIn(tenant.viewer());
        String page = given().cookie("arca_session", viewer.cookie()).get("/console").asString();
        assertThat(page).contains("Overview").doesNotContain("Register a source").doesNotContain("API keys</a>");
        given().cookie("arca_session", viewer.cookie()).header("X-CSRF-Token", viewer.csrf())
                .contentType(ContentType.JSON).body(reachableSource("v")).post("/api/v1/sources")
                .then().statusCode(403).body("detail", containsString("needs role operator"));
        Session admin = signIn(tenant.admin());
        assertThat(given().cookie("arca_session", admin.cookie()).get("/console").asString())
                .contains("Register a source").contains("API keys</a>");
    }

    @Test
    void signOutRevokesTheSession() {
        TenantKeys tenant = newTenant();
        Session session = signIn(tenant.operator());
        // sign-out needs the session's token too (a cross-site post cannot sign you out either)
        given().redirects().follow(false).cookie("arca_session", session.cookie()).formParam("_csrf", "wrong")
                .post("/console/sign-out").then().statusCode(403).contentType(ContentType.HTML);
        given().cookie("arca_session", session.cookie()).get("/api/v1/sources").then().statusCode(200);
        Response out = given().redirects().follow(false).cookie("arca_session", session.cookie())
                .formParam("_csrf", session.csrf()).post("/console/sign-out");
        out.then().statusCode(303).header("Location", containsString("/console/sign-in"));
        assertThat(out.getHeaders().getValues("Set-Cookie")).anyMatch(c -> c.startsWith("arca_session=;")
                && c.contains("Max-Age=0"));
        given().cookie("arca_session", session.cookie()).get("/api/v1/sources").then().statusCode(401)
                .body("detail", containsString("sign in again"));
        given().redirects().follow(false).cookie("arca_session", session.cookie()).get("/console")
                .then().statusCode(303).header("Location", containsString("/console/sign-in?next=%2Fconsole"));
    }

    @Test
    void revokingTheKeyOrExpiryEndsItsSessions() throws Exception {
        TenantKeys tenant = newTenant();
        var created = as(tenant.admin()).body(Map.of("name", "console-revoke", "role", "operator"))
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        Session session = signIn(created.path("secret"));
        String keyId = created.path("id");
        Session fresh = signIn(tenant.operator());
        as(tenant.admin()).delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        given().cookie("arca_session", session.cookie()).get("/api/v1/sources").then().statusCode(401);
        given().cookie("arca_session", fresh.cookie()).get("/api/v1/sources").then().statusCode(200);
        try (Connection c = catalog();
             PreparedStatement expire = c.prepareStatement("update console_sessions set expires_at = now() - "
                     + "interval '1 second' where token_hash = sha256(convert_to(?, 'UTF8'))")) {
            expire.setString(1, fresh.cookie());
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        given().redirects().follow(false).cookie("arca_session", fresh.cookie()).get("/console")
                .then().statusCode(303);
    }

    @Test
    void badSignInsGetAClearPageAndNoSession() {
        TenantKeys tenant = newTenant();
        Response form = given().get("/console/sign-in");
        String token = find(FORM_TOKEN, form.asString());
        // wrong key
        Response wrong = given().redirects().follow(false).cookie("arca_sign_in", token)
                .formParams(Map.of("apiKey", "arca_" + "x".repeat(40), "_csrf", token)).post("/console/sign-in");
        wrong.then().statusCode(401).contentType(ContentType.HTML).body(containsString("Unknown or revoked API key"));
        assertThat(wrong.getCookie("arca_session")).isNull();
        // a form posted from elsewhere (no matching sign-in cookie): login CSRF refused
        given().redirects().follow(false).formParams(Map.of("apiKey", tenant.operator(), "_csrf", token))
                .post("/console/sign-in").then().statusCode(403).body(containsString("not sent from this site"));
        given().redirects().follow(false).cookie("arca_sign_in", "other")
                .formParams(Map.of("apiKey", tenant.operator(), "_csrf", token)).post("/console/sign-in")
                .then().statusCode(403);
    }

    @Test
    void pagesAreHardenedAgainstFramingInjectedScriptsAndCaching() {
        Session session = signIn(newTenant().viewer());
        Response page = given().cookie("arca_session", session.cookie()).get("/console");
        page.then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-store"));
        // the sign-in page too, and no inline script anywhere for the policy to block
        given().get("/console/sign-in").then().header("X-Frame-Options", equalTo("DENY"))
                .header("Cache-Control", equalTo("no-store"));
        assertThat(page.asString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    }

    @Test
    void nextNeverLeavesTheConsole() {
        assertThat(ConsolePaths.safeNext("/console/backups/1?x=2")).isEqualTo("/console/backups/1?x=2");
        assertThat(ConsolePaths.safeNext("//evil.example/console")).isEqualTo("/console");
        assertThat(ConsolePaths.safeNext("https://evil.example/console")).isEqualTo("/console");
        assertThat(ConsolePaths.safeNext("/console\\@evil.example")).isEqualTo("/console");
        assertThat(ConsolePaths.safeNext("/api/v1/sources")).isEqualTo("/console");
        assertThat(ConsolePaths.safeNext("/console/sign-in")).isEqualTo("/console");
        assertThat(ConsolePaths.safeNext(null)).isEqualTo("/console");
    }

    @Test
    void pagesWithoutASessionGoToSignInAndErrorsAreHtml() {
        given().redirects().follow(false).get("/console?page=2&status=late")
                .then().statusCode(303)
                .header("Location", containsString("/console/sign-in?next=%2Fconsole%3Fpage%3D2%26status%3Dlate"));
        Session session = signIn(newTenant().viewer());
        given().cookie("arca_session", session.cookie()).get("/console/no-such-page")
                .then().statusCode(404).contentType(ContentType.HTML).body(not(containsString("\"type\"")));
        given().cookie("arca_session", session.cookie()).get("/console?page=abc&status=late&q=%3Cscript%3E")
                .then().statusCode(200).body(not(containsString("<script>")));
    }
}
