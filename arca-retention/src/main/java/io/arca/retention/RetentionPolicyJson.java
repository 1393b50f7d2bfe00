package io.arca.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stored JSON of a policy ({@code schedules.retention}, {@code sources.retention}): the record's fields, unused
 * rules left out. One reader and writer for the API (which stores it) and the scheduler (which applies it).
 */
public final class RetentionPolicyJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private RetentionPolicyJson() {
    }

    /** @return the policy, or null for SQL null or JSON {@code null} (no policy: keep everything) */
    public static RetentionPolicy read(String json) {
        if (json == null || json.isBlank() || json.strip().equals("null")) {
            return null;
        }
        try {
            return JSON.readValue(json, RetentionPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored retention policy is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(RetentionPolicy policy) {
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("retention policy not serialisable", e);
        }
    }
}
