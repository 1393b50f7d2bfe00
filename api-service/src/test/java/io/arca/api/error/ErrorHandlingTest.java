package io.arca.api.error;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error is application/problem+json with a stable type, never a 500 or a stack trace. */
@QuarkusTest
class ErrorHandlingTest extends ApiTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPE = "https://arca.dev/problems/";
    private TenantKeys tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenant();
    }

    @Test
    void malformedJson() {
        as(tenant.operator()).body("{\"name\": \"shop\",").post("/api/v1/sources").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "malformed-json"))
                .body("title", equalTo("Malformed JSON")).body("status", equalTo(400))
                .body("detail", containsString("line"));
        as(tenant.operator()).body("not json at all").post("/api/v1/backups").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "malformed-json"));
        as(tenant.operator()).body("{\"sourceId\":null} trailing").post("/api/v1/backups").then().statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void unknownFieldIsNamed() {
        as(tenant.operator()).body("{\"name\":\"x\",\"passwd\":\"y\"}").post("/api/v1/sources").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "unknown-field")).body("field", equalTo("passwd"));
    }

    @Test
    void aFieldGivenTwiceIsRefusedAndNamed() {
        String sourceId = createSource(tenant.operator(), "dup-" + System.nanoTime());
        String other = UUID.randomUUID().toString();
        as(tenant.operator()).body("{\"sourceId\":\"" + other + "\",\"sourceId\":\"" + sourceId + "\"}")
                .post("/api/v1/backups").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "duplicate-field")).body("field", equalTo("sourceId"))
                .body("detail", containsString("sourceId"));
        as(tenant.operator()).body("{\"sourceId\":\"" + sourceId + "\",\"compression\":{\"level\":3,\"level\":19}}")
                .post("/api/v1/backups").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "duplicate-field")).body("field", equalTo("compression.level"));
        as(tenant.operator()).body("{\"name\":\"x\",\"labels\":{\"env\":\"a\",\"env\":\"b\"}}")
                .post("/api/v1/sources").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "duplicate-field")).body("field", equalTo("labels.env"));
    }

    @Test
    void wrongTypeIsNamed() {
        as(tenant.operator()).body("{\"name\":\"x\",\"port\":\"five\"}").post("/api/v1/sources").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "invalid-type")).body("field", equalTo("port"));
        as(tenant.operator()).body("[1,2]").post("/api/v1/sources").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "invalid-type"));
        as(tenant.operator()).body("{\"name\":\"x\",\"labels\":[\"a\"]}").post("/api/v1/sources").then()
                .statusCode(400).body("field", equalTo("labels"));
    }

    @Test
    void missingBodyIs400() {
        as(tenant.operator()).post("/api/v1/sources").then().statusCode(400).contentType(PROBLEM_JSON);
        as(tenant.operator()).post("/api/v1/backups").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void oversizedBodyIs413ProblemJson() {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        as(tenant.operator()).body(huge).post("/api/v1/sources").then().statusCode(413)
                .contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "payload-too-large"));
    }

    @Test
    void overlongUriIs414ProblemJson() {
        as(tenant.viewer()).get("/api/v1/sources/" + "a".repeat(10_000)).then().statusCode(414)
                .contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "uri-too-long")).body("status", equalTo(414));
        as(tenant.viewer()).queryParam("cursor", "A".repeat(8_000)).get("/api/v1/backups").then().statusCode(414)
                .contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "uri-too-long"));
        // below the limit the request reaches the API and gets its own answer
        as(tenant.viewer()).queryParam("cursor", "A".repeat(4_000)).get("/api/v1/backups").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("field", equalTo("cursor"));
    }

    @Test
    void routingErrorsAreProblems() {
        as(tenant.operator()).get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "not-found"));
        as(tenant.operator()).get("/api/v1/sources/not-a-uuid").then().statusCode(404).contentType(PROBLEM_JSON);
        as(tenant.operator()).patch("/api/v1/sources").then().statusCode(405).contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPE + "method-not-allowed"));
        as(tenant.operator()).contentType(ContentType.TEXT).body("name=x").post("/api/v1/sources").then()
                .statusCode(415).contentType(PROBLEM_JSON).body("type", equalTo(TYPE + "unsupported-media-type"));
        as(tenant.viewer()).accept("application/xml").get("/api/v1/sources").then().statusCode(406)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void problemsNeverCarryStackTraces() {
        as(tenant.operator()).body("{\"name\":").post("/api/v1/sources").then().statusCode(400)
                .body(not(containsString("at io."))).body(not(containsString("Exception")));
    }
}
