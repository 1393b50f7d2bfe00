package io.arca.api.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest extends ApiTest {

    @Test
    void liveAndReadyReportDatabaseAndKafka() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void prometheusMetrics() {
        given().get("/api/v1/sources").then().statusCode(401); // at least one request is timed
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests").contains("arca_outbox_published")
                .contains("arca_outbox_unpublished");
    }

    @Test
    void openApiDescribesEveryEndpointWithBearerSecurity() {
        String spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertThat(spec).contains("\"/api/v1/tenants\"", "\"/api/v1/api-keys\"", "\"/api/v1/api-keys/{id}\"",
                "\"/api/v1/sources\"", "\"/api/v1/sources/{id}\"", "\"/api/v1/sources/{id}/check\"",
                "\"/api/v1/backups\"", "\"/api/v1/backups/{id}\"", "\"bearer\"", "Request a backup");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
