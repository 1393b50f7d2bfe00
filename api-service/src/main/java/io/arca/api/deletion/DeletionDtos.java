package io.arca.api.deletion;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the deletion endpoints. */
public final class DeletionDtos {
    private DeletionDtos() {
    }

    @Schema(name = "DeletionProgress")
    public record Progress(
            @Schema(description = "waiting-for-readers, deleting-manifest, unreferencing, done") String phase,
            int objectsDeleted, long referencesRemoved) {
    }

    @Schema(name = "Deletion", description = "A delete job: removes a backup's manifest and chunk references; the "
            + "backup then stays as history with lifecycle deleted. Chunks nobody references are left to garbage "
            + "collection.")
    public record DeletionView(
            UUID id, UUID backupId, UUID sourceId,
            @Schema(description = "retention, user, source-deleted or failed-cleanup") String reason, String detail,
            @Schema(description = "pending, queued (also while it waits for the backup's readers), running, "
                    + "completed, failed or cancelled") String state,
            int attempt, Progress progress, String error,
            Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt) {
    }

    static DeletionView view(BackupDeletion d) {
        return new DeletionView(d.id, d.backupId, d.sourceId, d.reason, d.detail, d.state, d.attempt,
                new Progress(d.phase, d.objectsDeleted, d.referencesRemoved), d.error, d.createdAt, d.startedAt,
                d.finishedAt, d.updatedAt);
    }
}
