package io.arca.worker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.common.job.JobKind;
import io.arca.common.messages.JobMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Parses and validates a job message; anything it rejects goes to the dead-letter stream with the reason. */
@ApplicationScoped
public class JobMessageReader {
    private final ObjectMapper json;

    public JobMessageReader(ObjectMapper json) {
        this.json = json;
    }

    /** @throws UnprocessableMessageException with the reason when the message is not a job this worker knows */
    public JobMessage read(String payload) throws UnprocessableMessageException {
        if (payload == null || payload.isBlank()) {
            throw new UnprocessableMessageException("empty message");
        }
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (Exception e) {
            throw new UnprocessableMessageException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnprocessableMessageException("not a JSON object");
        }
        int version = node.path("version").asInt(-1);
        if (version != JobMessage.CURRENT_VERSION) {
            throw new UnprocessableMessageException(DeadLetterReason.UNSUPPORTED_VERSION, "unsupported message version " + node.path("version")
                    + " (this worker reads version " + JobMessage.CURRENT_VERSION + ")");
        }
        JobKind kind;
        try {
            kind = JobKind.fromWireName(node.path("kind").asText(null));
        } catch (IllegalArgumentException e) {
            throw new UnprocessableMessageException(DeadLetterReason.UNKNOWN_KIND, e.getMessage());
        }
        return new JobMessage(version, uuid(node, "messageId", false), uuid(node, "jobId", true), kind.wireName(),
                uuid(node, "tenantId", false), uuid(node, "sourceId", false), node.path("attempt").asInt(1),
                instant(node));
    }

    private static UUID uuid(JsonNode node, String field, boolean required) throws UnprocessableMessageException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new UnprocessableMessageException("missing " + field);
            }
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new UnprocessableMessageException(field + " is not a UUID: " + value.asText());
        }
    }

    private static Instant instant(JsonNode node) {
        JsonNode value = node.get("createdAt");
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return value.isNumber() ? Instant.ofEpochMilli((long) (value.asDouble() * 1000)) : Instant.parse(value.asText());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
