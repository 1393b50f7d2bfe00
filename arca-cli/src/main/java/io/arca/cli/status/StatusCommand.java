package io.arca.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import io.arca.cli.output.Formats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code arca status}: what runs now (backups and restores with their phase), what waits (queued jobs and the oldest's
 * age: the backlog as the catalog sees it; Kafka consumer lag is the Prometheus metric arca_kafka_consumer_lag), and
 * which sources are late or never backed up and whose restore drills are overdue. Read from the public list endpoints.
 */
@Command(name = "status", description = "What runs now, what waits, which sources are late")
public final class StatusCommand extends ApiCommand {
    private static final int SCAN = 200;

    @Override
    protected int run() {
        ArrayNode running = ApiClient.json().createArrayNode();
        api().list("/api/v1/backups", Map.of("state", "running"), SCAN).forEach(b -> running.add(job("backup", b)));
        ArrayNode queued = api().list("/api/v1/backups", Map.of("state", "queued"), SCAN);
        for (JsonNode r : api().list("/api/v1/restores", Map.of(), SCAN)) {
            if ("running".equals(r.path("state").asText())) {
                running.add(job("restore", r));
            } else if ("queued".equals(r.path("state").asText())) {
                queued.add(r);
            }
        }
        ArrayNode attention = ApiClient.json().createArrayNode();
        for (JsonNode s : api().list("/api/v1/sources", Map.of(), 0)) {
            String rpo = s.path("rpoStatus").asText();
            String drill = s.path("drillStatus").asText();
            if (!"ok".equals(rpo) || "overdue".equals(drill)) {
                attention.add(ApiClient.json().createObjectNode().put("source", s.path("name").asText())
                        .put("rpoStatus", rpo).put("drillStatus", s.path("drillStatus").isTextual() ? drill : null)
                        .put("lastSuccessfulBackupAt", s.path("lastSuccessfulBackupAt").asText(null)));
            }
        }
        ObjectNode status = ApiClient.json().createObjectNode();
        status.set("running", running);
        status.put("queued", queued.size());
        status.put("oldestQueuedAt", oldest(queued));
        status.set("sources", attention);
        if (output().json() || output().quiet()) {
            output().print(status);
            return ExitCode.OK;
        }
        io().out().println("running: " + running.size());
        if (!running.isEmpty()) {
            output().list(running, List.of(Column.of("kind", "kind"), Column.of("id", "id"),
                    Column.of("phase", "phase"), Column.of("tables", "tables"), Column.bytes("bytes", "bytes"),
                    Column.time("started", "startedAt")));
        }
        String age = queued.isEmpty() ? "" : ", oldest waiting " + Formats.duration(Duration.between(
                Instant.parse(oldest(queued)), Instant.now()));
        io().out().println("queued: " + queued.size() + age);
        io().out().println("sources needing attention: " + attention.size());
        if (!attention.isEmpty()) {
            output().list(attention, List.of(Column.of("source", "source"), Column.of("rpo", "rpoStatus"),
                    Column.of("drills", "drillStatus"), Column.time("last success", "lastSuccessfulBackupAt")));
        }
        return ExitCode.OK;
    }

    private static ObjectNode job(String kind, JsonNode j) {
        JsonNode p = j.path("progress");
        long bytes = p.has("bytesRead") ? p.path("bytesRead").asLong() : p.path("bytesRestored").asLong();
        return ApiClient.json().createObjectNode().put("kind", kind).put("id", j.path("id").asText())
                .put("phase", p.path("phase").asText(null))
                .put("tables", p.path("tablesDone").asInt() + "/" + p.path("tablesTotal").asInt())
                .put("bytes", bytes).put("startedAt", j.path("startedAt").asText(null));
    }

    private static String oldest(ArrayNode queued) {
        String oldest = null;
        for (JsonNode j : queued) {
            String created = j.path("createdAt").asText();
            if (oldest == null || created.compareTo(oldest) < 0) {
                oldest = created;
            }
        }
        return oldest;
    }
}
