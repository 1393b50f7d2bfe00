package io.arca.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** An HTTP/1.0 client asking for keep-alive gets every body whole, and can tell where it ends. */
@QuarkusTest
class Http10FramingTest extends ApiTest {
    /** quarkus.rest.output-buffer-size: larger bodies are written as they are produced, without a length. */
    private static final int OUTPUT_BUFFER_BYTES = 8191;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBodyLargerThanTheOutputBufferArrivesWholeAndTheConnectionEnds() throws IOException {
        TenantKeys tenant = newTenant();
        for (int i = 0; i < 70; i++) {
            newKey(tenant.admin(), "viewer");
        }
        try (Http10Client client = new Http10Client(RestAssured.port)) {
            Http10Client.Response response = client.get("/api/v1/api-keys?limit=200", tenant.admin());
            assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.body().length).isGreaterThan(OUTPUT_BUFFER_BYTES);
            assertEndsVisibly(response);
            JsonNode page = JSON.readTree(response.body());
            assertThat(page.get("items")).hasSize(73);
        }
    }

    @Test
    void aSmallBodyHasItsLengthAndTheConnectionStaysUsable() throws IOException {
        TenantKeys tenant = newTenant();
        try (Http10Client client = new Http10Client(RestAssured.port)) {
            for (int i = 0; i < 2; i++) {
                Http10Client.Response response = client.get("/api/v1/sources", tenant.viewer());
                assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
                assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
                assertThat(JSON.readTree(response.body()).get("items")).isEmpty();
            }
        }
    }

    @Test
    void aProblemReachesAnHttp10ClientWhole() throws IOException {
        try (Http10Client client = new Http10Client(RestAssured.port)) {
            Http10Client.Response response = client.get("/api/v1/sources", "arca_" + "x".repeat(40));
            assertThat(response.statusLine()).startsWith("HTTP/1.0 401");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertEndsVisibly(response);
            assertThat(JSON.readTree(response.body()).get("type").asText())
                    .isEqualTo("https://arca.dev/problems/unauthorized");
        }
    }

    private static void assertEndsVisibly(Http10Client.Response response) {
        if (response.header("Content-Length") != null) {
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
        } else {
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(response.readUntilClosed()).isTrue();
        }
    }
}
