package io.arca.api.backup;

import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every backup option is validated: each bad value is a 400 problem naming the field, never a 500. */
@QuarkusTest
class BackupValidationTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;

    @BeforeEach
    void tenantWithSource() {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"type\":\"incremental\"                                  | type                  | validation-failed",
            "\"type\":7                                                | type                  | invalid-type",
            "\"tables\":{\"include\":[\"\"]}                           | tables.include[0]     | validation-failed",
            "\"tables\":{\"include\":[\"public\"]}                     | tables.include[0]     | validation-failed",
            "\"tables\":{\"include\":[\"public.x; drop table y\"]}     | tables.include[0]     | validation-failed",
            "\"tables\":{\"include\":[\"public.ok\",\"pub\\u0000lic.t\"]} | tables.include[1]  | validation-failed",
            "\"tables\":{\"exclude\":[\"a.b.c\"]}                      | tables.exclude[0]     | validation-failed",
            "\"tables\":{\"excludeData\":[null]}                       | tables.excludeData[0] | validation-failed",
            "\"tables\":{\"include\":\"public.*\"}                     | tables.include        | invalid-type",
            "\"tables\":{\"includes\":[]}                              | tables.includes       | unknown-field",
            "\"compression\":{\"algorithm\":\"lz4\"}                   | compression.algorithm | validation-failed",
            "\"compression\":{\"algorithm\":\"zstd\",\"level\":0}      | compression.level     | validation-failed",
            "\"compression\":{\"algorithm\":\"zstd\",\"level\":20}     | compression.level     | validation-failed",
            "\"compression\":{\"algorithm\":\"gzip\",\"level\":10}     | compression.level     | validation-failed",
            "\"compression\":{\"algorithm\":\"none\",\"level\":3}      | compression.level     | validation-failed",
            "\"compression\":{\"level\":\"high\"}                      | compression.level     | invalid-type",
            "\"compression\":{\"level\":3.5}                           | compression.level     | invalid-type",
            "\"encrypt\":\"yes\"                                       | encrypt               | invalid-type",
            "\"labels\":{\"bad key!\":\"x\"}                           | labels                | validation-failed",
            "\"labels\":{\"k\":\"line\\nbreak\"}                       | labels.k              | validation-failed",
            "\"labels\":{\"k\":1}                                      | labels.k              | invalid-type",
            "\"extra\":true                                            | extra                 | unknown-field",
    })
    void invalidOptionIs400WithItsField(String fragment, String field, String type) {
        String body = "{\"sourceId\":\"" + sourceId + "\"," + fragment + "}";
        as(tenant.operator()).body(body).post("/api/v1/backups").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/" + type))
                .body("field", equalTo(field))
                .body("status", equalTo(400));
    }

    @Test
    void hostileAndOversizedPatternsAreRefused() {
        String longPattern = "public." + "t".repeat(400);
        as(tenant.operator()).body("{\"sourceId\":\"" + sourceId + "\",\"tables\":{\"include\":[\"" + longPattern + "\"]}}")
                .post("/api/v1/backups").then().statusCode(400).body("field", equalTo("tables.include[0]"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("\"public.t").append(i).append('"');
        }
        as(tenant.operator()).body("{\"sourceId\":\"" + sourceId + "\",\"tables\":{\"exclude\":[" + many + "]}}")
                .post("/api/v1/backups").then().statusCode(400).body("field", equalTo("tables.exclude"));
        as(tenant.operator()).body("{\"sourceId\":\"" + sourceId
                        + "\",\"tables\":{\"include\":[\"\\\"My Schema\\\".\\\"Orders*\\\"\",\"public.*\",\"*.*\"]}}")
                .post("/api/v1/backups").then().statusCode(202);
    }

    @Test
    void sourceIsRequiredAndMustExist() {
        as(tenant.operator()).body("{}").post("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("sourceId"));
        as(tenant.operator()).body("{\"sourceId\":\"nope\"}").post("/api/v1/backups").then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/invalid-type")).body("field", equalTo("sourceId"));
        as(tenant.operator()).body("{\"sourceId\":\"" + java.util.UUID.randomUUID() + "\"}").post("/api/v1/backups")
                .then().statusCode(400).body("type", equalTo("https://arca.dev/problems/unknown-source"))
                .body("field", equalTo("sourceId"));
    }

    @Test
    void badIdempotencyKeyIs400() {
        as(tenant.operator()).header("Idempotency-Key", "x".repeat(300)).body("{\"sourceId\":\"" + sourceId + "\"}")
                .post("/api/v1/backups").then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }
}
