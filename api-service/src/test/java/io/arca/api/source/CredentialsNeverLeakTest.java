package io.arca.api.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A source password never appears in a response body or a log line, through every path that touches it: create,
 * read, list, update, check (success and failure), and malformed requests that carry it.
 */
@QuarkusTest
class CredentialsNeverLeakTest extends ApiTest {
    private final CapturingHandler logs = new CapturingHandler();
    private final Logger root = Logger.getLogger("");
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = root.getLevel();
        root.addHandler(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.removeHandler(logs);
        root.setLevel(previousLevel);
    }

    @Test
    void passwordNeverInResponsesOrLogs() throws Exception {
        String role = "leak_probe_" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        try (Connection c = catalog()) {
            c.createStatement().execute("create role " + role + " login password '" + password + "'");
        }
        TenantKeys tenant = newTenant();
        List<String> bodies = new ArrayList<>();

        Map<String, Object> source = new HashMap<>(reachableSource("probe"));
        source.put("username", role);
        source.put("password", password);
        var created = as(tenant.operator()).body(source).post("/api/v1/sources").then().statusCode(201).extract();
        bodies.add(created.asString());
        String id = created.path("id");

        bodies.add(as(tenant.viewer()).get("/api/v1/sources/" + id).then().statusCode(200).extract().asString());
        bodies.add(as(tenant.viewer()).get("/api/v1/sources").then().statusCode(200).extract().asString());
        bodies.add(as(tenant.operator()).post("/api/v1/sources/" + id + "/check").then().statusCode(200)
                .extract().asString());
        assertThat(bodies.getLast()).contains("\"ok\":true");

        Map<String, Object> wrong = new HashMap<>(source);
        String wrongPassword = password + "-wrong";
        wrong.put("password", wrongPassword);
        bodies.add(as(tenant.operator()).body(wrong).put("/api/v1/sources/" + id).then().statusCode(200)
                .extract().asString());
        bodies.add(as(tenant.operator()).post("/api/v1/sources/" + id + "/check").then().statusCode(200)
                .extract().asString());
        assertThat(bodies.getLast()).contains("auth-failed");

        // bad requests that carry the password in various places
        Map<String, Object> badPort = new HashMap<>(source);
        badPort.put("port", password);
        bodies.add(as(tenant.operator()).body(badPort).post("/api/v1/sources").then().statusCode(400)
                .extract().asString());
        Map<String, Object> unknownField = new HashMap<>(source);
        unknownField.put("passwd", password); // a typo'd field name carrying the secret
        bodies.add(as(tenant.operator()).body(unknownField).post("/api/v1/sources").then().statusCode(400)
                .extract().asString());
        bodies.add(as(tenant.operator()).body("{\"password\":\"" + password + "\", oops}").post("/api/v1/sources")
                .then().statusCode(400).extract().asString());
        bodies.add(as(tenant.operator()).body("{\"password\":" + password + "}").post("/api/v1/sources")
                .then().statusCode(400).extract().asString());
        Map<String, Object> badSsl = new HashMap<>(source);
        badSsl.put("sslMode", password);
        bodies.add(as(tenant.operator()).body(badSsl).post("/api/v1/sources").then().statusCode(400)
                .extract().asString());

        for (String body : bodies) {
            assertThat(body).doesNotContain(password).doesNotContain(wrongPassword);
        }
        Logger.getLogger(CredentialsNeverLeakTest.class.getName()).warning("capture canary");
        assertThat(logs.lines()).as("the handler sees log records").anyMatch(line -> line.contains("capture canary"));
        assertThat(logs.lines()).noneMatch(line -> line.contains(password) || line.contains(wrongPassword));

        try (Connection c = catalog()) {
            c.createStatement().execute("drop role if exists " + role);
        }
    }

    /** Keeps every record's formatted message, parameters and exception text. */
    static final class CapturingHandler extends Handler {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
                for (StackTraceElement element : t.getStackTrace()) {
                    line.append(' ').append(element);
                }
            }
            lines.add(line.toString());
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
