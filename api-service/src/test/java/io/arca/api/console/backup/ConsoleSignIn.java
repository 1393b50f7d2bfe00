package io.arca.api.console.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A console session for page tests: signs in through the sign-in form as a browser does. */
public record ConsoleSignIn(String cookie) {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static ConsoleSignIn as(String apiKey) {
        Response form = given().get("/console/sign-in");
        Matcher token = FORM_TOKEN.matcher(form.asString());
        assertThat(token.find()).isTrue();
        Response signedIn = given().redirects().follow(false).cookie("arca_sign_in", token.group(1))
                .formParams(Map.of("apiKey", apiKey, "_csrf", token.group(1))).post("/console/sign-in");
        signedIn.then().statusCode(303);
        return new ConsoleSignIn(signedIn.getCookie("arca_session"));
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookie("arca_session", cookie);
    }
}
