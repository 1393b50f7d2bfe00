package io.arca.api.retention;

import io.arca.retention.RetentionPlan;
import io.arca.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of pins and the retention preview. */
public final class RetentionDtos {
    private RetentionDtos() {
    }

    /** The longest pin reason accepted. */
    public static final int MAX_REASON = 500;

    @Schema(name = "PinRequest", description = "Why the backup must never expire")
    public record PinRequest(@Schema(examples = "audit 2026: keep the year-end state", maxLength = MAX_REASON)
                             String reason) {
    }

    @Schema(name = "RetentionPreview", description = "What retention does with each live backup of a scope now, "
            + "newest first; nothing is deleted by asking")
    public record PreviewView(
            @Schema(description = "schedule or source (a source's backups that no schedule made)") String scope,
            UUID scopeId,
            @Schema(description = "The policy previewed: the stored one, or the one posted; null: none, all kept")
            RetentionPolicy policy,
            @Schema(description = "Zone of the hourly, daily, weekly, monthly and yearly buckets") String zone,
            Instant evaluatedAt,
            Counts counts,
            List<PreviewItem> items,
            @Schema(description = "Pass as cursor for the next page; null on the last") String nextCursor) {
    }

    @Schema(name = "RetentionPreviewCounts", description = "Over all live backups of the scope, not just this page")
    public record Counts(int total, long keep, long delete, long cleanup) {
    }

    @Schema(name = "RetentionPreviewItem")
    public record PreviewItem(
            UUID backupId,
            @Schema(description = "The time its buckets are read from: the backup's start") Instant time,
            String state,
            boolean pinned,
            @Schema(description = "keep; delete (retention expires it); cleanup (failed or cancelled: deleted once "
                    + "older than the scheduler's arca.retention.failed-max-age)") String action,
            @Schema(description = "The rules that keep it: last, hourly 2026-11-30T14, daily 2026-11-30, weekly "
                    + "2026-W48, monthly 2026-11, yearly 2026 (oldest ... when a rule keeps the oldest backup), "
                    + "within, minKeep, pinned") List<String> rules,
            @Schema(description = "Why, when the rules do not say") String note) {
    }

    static PreviewItem item(RetentionPlan.Entry e) {
        return new PreviewItem(e.backup().id(), e.backup().time(), e.backup().state(), e.backup().pinned(),
                e.action().wireName(), e.rules(), e.note());
    }
}
