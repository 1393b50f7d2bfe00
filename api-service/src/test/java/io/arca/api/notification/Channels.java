package io.arca.api.notification;

import static io.arca.api.ApiTest.as;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Request bodies and calls the channel tests share. */
final class Channels {
    static final String PATH = "/api/v1/notification-channels";
    static final String PROBLEM = "https://arca.dev/problems/";
    /** A loopback receiver address: allowed in the test profile (arca.notifications.destinations.allow). */
    static final String RECEIVER = "http://127.0.0.1:9/hooks/arca";

    private Channels() {
    }

    static Map<String, Object> webhook(String name) {
        return Map.of("name", name, "kind", "webhook", "eventTypes", List.of("backup.failed", "restore.*"),
                "url", RECEIVER, "headers", Map.of("X-Team", "dba"));
    }

    static Map<String, Object> email(String name) {
        return Map.of("name", name, "kind", "email", "eventTypes", List.of("*"),
                "recipients", List.of("ops@example.com", "dba@example.org"));
    }

    static ExtractableResponse<Response> create(String adminKey, Map<String, Object> body) {
        return as(adminKey).body(body).post(PATH).then().statusCode(201).extract();
    }
}
