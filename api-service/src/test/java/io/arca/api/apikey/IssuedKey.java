package io.arca.api.apikey;

import static io.arca.api.ApiTest.as;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;

/** A key issued through the API for a test: its id and its secret. */
record IssuedKey(String id, String secret) {

    static IssuedKey issue(String adminSecret, String role) {
        ExtractableResponse<Response> created = as(adminSecret).body(Map.of("name", role + "-key", "role", role))
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        return new IssuedKey(created.path("id"), created.path("secret"));
    }
}
