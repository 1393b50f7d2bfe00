package io.arca.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the dependencies and comes back without a restart: the local Kafka and the object store are
 * stopped and started again under the running services. The worker needs catalog, Kafka and object store; the
 * scheduler catalog and Kafka; the API only the catalog (Kafka is its wellness check: the outbox takes requests
 * while Kafka is down, so the API keeps answering reads and accepting backups).
 */
class ReadinessSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        LocalInfra.assumeControllable();
        arca = ArcaSystem.shared();
    }

    @Test
    void kafkaOutageMakesWorkerAndSchedulerNotReadyWhileTheApiKeepsServing() throws Exception {
        ArcaClient api = arca.client();
        UUID sourceId = api.createSource(arca.env, arca.sources.sample());
        awaitReady("worker", arca.worker().baseUrl(), true);
        awaitReady("scheduler", arca.scheduler().baseUrl(), true);

        UUID requestedDuringOutage;
        LocalInfra.stop("kafka");
        try {
            JsonPath worker = awaitReady("worker", arca.worker().baseUrl(), false);
            assertThat(checkStatus(worker, "kafka")).as("worker readiness: %s", worker.prettify()).isEqualTo("DOWN");
            assertThat(checkStatus(worker, "catalog")).isEqualTo("UP");
            JsonPath scheduler = awaitReady("scheduler", arca.scheduler().baseUrl(), false);
            assertThat(checkStatus(scheduler, "kafka")).as("scheduler readiness: %s", scheduler.prettify())
                    .isEqualTo("DOWN");
            assertThat(metrics(arca.worker().baseUrl())).contains("arca_dependency_up{dependency=\"kafka\"} 0");

            // the API: still ready, answers reads, accepts a backup (into the outbox); Kafka shows as not well
            Response ready = given().get(arca.apiBaseUrl() + "/q/health/ready");
            assertThat(ready.statusCode()).as("API readiness: %s", ready.asString()).isEqualTo(200);
            Response well = given().get(arca.apiBaseUrl() + "/q/health/well");
            assertThat(well.statusCode()).as("API wellness: %s", well.asString()).isEqualTo(503);
            assertThat(checkStatus(well.jsonPath(), "kafka")).isEqualTo("DOWN");
            api.request().get("/api/v1/sources").then().statusCode(200);
            api.request().get("/api/v1/backups").then().statusCode(200);
            requestedDuringOutage = api.requestBackup(sourceId, ArcaClient.GZIP_PLAIN);
            assertThat(api.backup(requestedDuringOutage).getString("state")).isEqualTo("pending");
        } finally {
            LocalInfra.start("kafka");
        }

        // no restart: the same processes become ready again, and the backup accepted during the outage completes
        awaitReady("worker", arca.worker().baseUrl(), true);
        awaitReady("scheduler", arca.scheduler().baseUrl(), true);
        assertThat(given().get(arca.apiBaseUrl() + "/q/health/well").statusCode()).isEqualTo(200);
        api.awaitBackupCompleted(requestedDuringOutage, Duration.ofMinutes(3));
        assertThat(metrics(arca.worker().baseUrl())).contains("arca_dependency_up{dependency=\"kafka\"} 1");
    }

    @Test
    void objectStoreOutageMakesOnlyTheWorkerNotReady() throws Exception {
        awaitReady("worker", arca.worker().baseUrl(), true);
        LocalInfra.stop("s3");
        try {
            JsonPath worker = awaitReady("worker", arca.worker().baseUrl(), false);
            assertThat(checkStatus(worker, "objectstore")).as("worker readiness: %s", worker.prettify())
                    .isEqualTo("DOWN");
            assertThat(checkStatus(worker, "kafka")).isEqualTo("UP");
            assertThat(metrics(arca.worker().baseUrl()))
                    .contains("arca_dependency_up{dependency=\"objectstore\"} 0");
            assertThat(given().get(arca.scheduler().baseUrl() + "/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(given().get(arca.apiBaseUrl() + "/q/health/ready").statusCode()).isEqualTo(200);
        } finally {
            LocalInfra.start("s3");
        }
        awaitReady("worker", arca.worker().baseUrl(), true);
        assertThat(metrics(arca.worker().baseUrl())).contains("arca_dependency_up{dependency=\"objectstore\"} 1");
    }

    /** Polls {@code /q/health/ready} until it answers 200 (ready) or 503 (not); returns that answer. */
    private static JsonPath awaitReady(String service, String baseUrl, boolean ready) throws InterruptedException {
        int expected = ready ? 200 : 503;
        long deadline = System.nanoTime() + WAIT.toNanos();
        Response response = given().get(baseUrl + "/q/health/ready");
        while (response.statusCode() != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = given().get(baseUrl + "/q/health/ready");
        }
        assertThat(response.statusCode()).as("%s readiness within %d s: %s", service, WAIT.toSeconds(),
                response.asString()).isEqualTo(expected);
        return response.jsonPath();
    }

    private static String checkStatus(JsonPath health, String check) {
        return health.getString("checks.find { it.name == '" + check + "' }.status");
    }

    private static String metrics(String baseUrl) {
        return given().get(baseUrl + "/q/metrics").then().statusCode(200).extract().asString();
    }
}
