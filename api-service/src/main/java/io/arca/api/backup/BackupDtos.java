package io.arca.api.backup;

import io.arca.jobs.options.BackupOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the backup endpoints. */
public final class BackupDtos {
    private BackupDtos() {
    }

    @Schema(name = "BackupRequest")
    public record BackupRequest(
            @Schema(required = true) UUID sourceId,
            @Schema(description = "full, schema-only or data-only", defaultValue = "full") String type,
            TablesRequest tables,
            CompressionRequest compression,
            @Schema(defaultValue = "false") Boolean encrypt,
            @Schema(examples = "{\"reason\":\"pre-deploy\"}") Map<String, String> labels) {
    }

    @Schema(name = "TablesRequest", description = "Patterns schema.table, '*' matches any characters; "
            + "quote identifiers with special characters (\"My Schema\".\"t*\")")
    public record TablesRequest(
            @Schema(description = "Tables to back up; empty or absent means all", examples = "[\"public.*\"]")
            List<String> include,
            @Schema(description = "Tables to leave out entirely") List<String> exclude,
            @Schema(description = "Tables whose schema is kept but not their rows", examples = "[\"public.audit_log\"]")
            List<String> excludeData) {
    }

    @Schema(name = "CompressionRequest")
    public record CompressionRequest(
            @Schema(description = "zstd, gzip or none", defaultValue = "zstd") String algorithm,
            @Schema(description = "zstd 1-19 (default 3), gzip 1-9 (default 6), none: absent or 0") Integer level) {
    }

    @Schema(name = "BackupProgress")
    public record Progress(String phase, long bytesRead, long bytesStored, int tablesDone, int tablesTotal,
                           long chunksNew, long chunksReused) {
    }

    @Schema(name = "BackupResult", description = "Filled in when the backup completed")
    public record Result(Long logicalSize, Long storedSize, Long newBytes, Double dedupRatio, String serverVersion,
                         String manifestKey) {
    }

    @Schema(name = "Backup")
    public record BackupView(
            UUID id, UUID sourceId,
            @Schema(description = "pending, queued, running, completed, failed or cancelled") String state,
            String type, BackupOptions options, Map<String, String> labels, int attempt,
            Progress progress, Result result, String error,
            Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt,
            @Schema(description = "The newest verification's result, null until one finished: state (ok, "
                    + "corrupted or restore-mismatch), at, deep, verificationId, entriesChecked, chunksChecked, bytesChecked, problems "
                    + "(chunk, chunkIndex, entries, reason, detail), tables")
            Map<String, Object> verification,
            Instant verifiedAt,
            @Schema(description = "A verification found stored objects damaged: restores, downloads and exports "
                    + "are refused unless the request says force") boolean corrupted,
            @Schema(description = "When a deep verification last restored this backup and found every table equal")
            Instant provenRestorableAt,
            @Schema(description = "api (requested), schedule (fired by a schedule) or safety (taken by a restore "
                    + "of what it overwrites; label arca.restore names the restore)") String origin,
            @Schema(description = "For a scheduled backup: its schedule, slot and lateness; null otherwise")
            ScheduledFire schedule,
            @Schema(description = "Set while the backup is pinned: it never expires and cannot be deleted") Pin pin,
            @Schema(description = "live, expiring (retention will delete it), deleting (deletion requested) or "
                    + "deleted (manifest and references gone; the row stays as history)") String lifecycle,
            @Schema(description = "Why and when the backup is being or was deleted; null while live")
            Deletion deletion,
            @Schema(description = "The database on the source's server this backup read; null: the source's own "
                    + "(a safety backup of a restore target in another database names it)") String databaseName) {
    }

    /** How a schedule fired this backup: the slot, and how long after it the backup was recorded. */
    public record ScheduledFire(UUID scheduleId, Instant scheduledFor, long lateByMs) {
    }

    public record Pin(Instant pinnedAt, String reason) {
    }

    public record Deletion(
            @Schema(description = "retention, user, source-deleted or failed-cleanup") String reason,
            String detail, Instant requestedAt, Instant deletedAt) {
    }

    static BackupView view(Backup b) {
        return new BackupView(b.id, b.sourceId, b.state, b.type, b.options, b.labels, b.attempt,
                new Progress(b.phase, b.bytesRead, b.bytesStored, b.tablesDone, b.tablesTotal, b.chunksNew,
                        b.chunksReused),
                new Result(b.logicalSize, b.storedSize, b.newBytes, b.dedupRatio, b.serverVersion, b.manifestKey),
                b.error, b.createdAt, b.startedAt, b.finishedAt, b.updatedAt,
                b.verification, b.verifiedAt, b.corrupted, b.provenRestorableAt, b.origin,
                b.scheduledFor == null ? null : new ScheduledFire(b.scheduleId, b.scheduledFor,
                        b.lateByMs == null ? 0 : b.lateByMs),
                b.pinnedAt == null ? null : new Pin(b.pinnedAt, b.pinReason),
                b.lifecycle,
                b.deletionReason == null ? null : new Deletion(b.deletionReason, b.deletionDetail,
                        b.deletionRequestedAt, b.deletedAt),
                b.databaseName);
    }
}
