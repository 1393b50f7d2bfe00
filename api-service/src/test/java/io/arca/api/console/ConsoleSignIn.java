package io.arca.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in console session for page tests: its cookie and CSRF token, as a browser holds them. */
public record ConsoleSignIn(String cookie, String csrf) {
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static ConsoleSignIn as(String apiKey) {
        String formToken = find(FORM_TOKEN, given().get("/console/sign-in").asString());
        Response signedIn = given().redirects().follow(false).cookie("arca_sign_in", formToken)
                .formParams(Map.of("apiKey", apiKey, "_csrf", formToken, "next", "/console"))
                .post("/console/sign-in");
        signedIn.then().statusCode(303);
        String cookie = signedIn.getCookie("arca_session");
        String page = given().cookie("arca_session", cookie).get("/console").then().statusCode(200).extract()
                .asString();
        return new ConsoleSignIn(cookie, find(CSRF_META, page));
    }

    /** A page request with the session cookie (GETs need no CSRF token). */
    public RequestSpecification page() {
        return given().cookie("arca_session", cookie).redirects().follow(false);
    }

    /** A page's HTML, which must answer 200. */
    public String html(String path) {
        return page().get(path).then().statusCode(200).extract().asString();
    }

    private static String find(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as("pattern %s in page", pattern).isTrue();
        return m.group(1);
    }
}
