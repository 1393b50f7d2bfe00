package io.arca.api.restore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the restore endpoints. */
public final class RestoreDtos {
    private RestoreDtos() {
    }

    @Schema(name = "RestoreRequest")
    public record RestoreRequest(
            @Schema(required = true, description = "A completed backup of this tenant") UUID backupId,
            @Schema(required = true) TargetRequest target,
            @Schema(description = "Restore even a backup that a verification found corrupted (the worker stops at "
                    + "the first damaged chunk)", defaultValue = "false") Boolean force) {
    }

    @Schema(name = "RestoreTarget", description = "Where to restore: a database on the server of an existing "
            + "source, created when absent. It must not be the backed-up database itself.")
    public record TargetRequest(
            @Schema(required = true) UUID sourceId,
            @Schema(required = true, examples = "shop_restored", maxLength = 63) String database) {
    }

    @Schema(name = "RestoreProgress")
    public record Progress(String phase, long bytesRestored, int tablesDone, int tablesTotal) {
    }

    @Schema(name = "Restore")
    public record RestoreView(
            UUID id, UUID backupId, TargetView target,
            @Schema(description = "pending, queued, running, completed, failed or cancelled") String state,
            int attempt, Progress progress, String error,
            @Schema(description = "the accepted request options, e.g. {\"force\": true}") Map<String, Object> options,
            Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt) {
    }

    @Schema(name = "RestoreTargetView")
    public record TargetView(UUID sourceId, String database) {
    }

    static RestoreView view(Restore r) {
        return new RestoreView(r.id, r.backupId, new TargetView(r.targetSourceId, r.targetDatabase), r.state,
                r.attempt, new Progress(r.phase, r.bytesRestored, r.tablesDone, r.tablesTotal), r.error, r.options,
                r.createdAt, r.startedAt, r.finishedAt, r.updatedAt);
    }
}
