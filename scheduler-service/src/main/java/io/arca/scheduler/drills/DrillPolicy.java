package io.arca.scheduler.drills;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;

/**
 * A schedule's drill policy as the API stored it in {@code schedules.drill} ({@code {"every": "P7D",
 * "targetSourceId": "..."}}): a deep verification of the schedule's newest backup every {@code every}, restored into
 * a scratch database on the target source's server. The API validated it; this only reads it back.
 */
record DrillPolicy(Duration every, UUID targetSourceId) {

    static DrillPolicy read(JsonNode drill) {
        return new DrillPolicy(Duration.parse(drill.path("every").asText()),
                UUID.fromString(drill.path("targetSourceId").asText()));
    }
}
