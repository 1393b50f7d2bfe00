package io.arca.api.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the verification endpoints. */
public final class VerificationDtos {
    private VerificationDtos() {
    }

    @Schema(name = "VerifyRequest")
    public record VerifyRequest(
            @Schema(description = "false: read every chunk and check names, tags and entry hashes; true: also "
                    + "restore into a scratch database on targetSourceId and compare every table",
                    defaultValue = "false") Boolean deep,
            @Schema(description = "deep only: a source of this tenant whose server gets the scratch database")
            UUID targetSourceId) {
    }

    @Schema(name = "VerificationProgress")
    public record Progress(long chunksChecked, long chunksTotal, long bytesChecked, int tablesDone,
                           int tablesTotal) {
    }

    @Schema(name = "Verification")
    public record VerificationView(
            UUID id, UUID backupId, boolean deep, UUID targetSourceId,
            @Schema(description = "pending, queued, running, completed, failed or cancelled") String state,
            String phase, Progress progress,
            @Schema(description = "when completed: ok (no problem found), corrupted (a stored object is damaged) or "
                    + "restore-mismatch (deep: a restored table differs from the backup)") String result,
            @Schema(description = "every problem found: chunk, chunkIndex, entries (name, schema, table), reason, "
                    + "detail") List<Map<String, Object>> problems,
            Instant createdAt, Instant startedAt, Instant finishedAt, String error) {
    }

    static VerificationView view(Verification v) {
        return new VerificationView(v.id, v.backupId, v.deep, v.targetSourceId, v.state, v.phase,
                new Progress(v.chunksChecked, v.chunksTotal, v.bytesChecked, v.tablesDone, v.tablesTotal),
                v.result, v.problems == null ? List.of() : v.problems,
                v.createdAt, v.startedAt, v.finishedAt, v.error);
    }
}
