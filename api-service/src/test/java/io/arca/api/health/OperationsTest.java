package io.arca.api.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest extends ApiTest {

    @Test
    void readyMeansCatalogAndKafkaIsAWellnessCheck() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // readiness: the catalog only (Kafka is buffered by the outbox, see KafkaWellnessCheck)
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("catalog"))
                .body("checks.name", not(hasItem("kafka")));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("kafka"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("arca_dependency_up{dependency=\"catalog\"} 1")
                .contains("arca_dependency_up{dependency=\"kafka\"} 1");
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
