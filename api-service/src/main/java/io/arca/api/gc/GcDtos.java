package io.arca.api.gc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the garbage collection endpoints. */
public final class GcDtos {
    private GcDtos() {
    }

    @Schema(name = "GcRequest", description = "Optional body of POST /api/v1/admin/gc")
    public record GcRequest(
            @Schema(description = "Collect this tenant only (default: every tenant that has chunks)") UUID tenantId,
            @Schema(description = "ISO-8601 duration, at least PT1H (default: arca.gc.grace-period)",
                    examples = "PT24H") String gracePeriod) {
    }

    @Schema(name = "GcRun", description = "A garbage collection run over one tenant's chunks")
    public record GcRunView(
            UUID id, UUID tenantId, @Schema(description = "schedule or admin") String trigger,
            long graceSeconds, @Schema(description = "chunks created at or after it are never deleted by this run")
            Instant cutoff, String state, int attempt,
            @Schema(description = "deleting, listing, done") String phase,
            long chunksScanned, long chunksDeleted, long bytesFreed, long orphansAdopted, String error,
            Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    @Schema(name = "GcRuns")
    public record GcRunsView(List<GcRunView> runs) {
    }

    static GcRunView view(GcRun r) {
        return new GcRunView(r.id, r.tenantId, r.trigger, r.graceSeconds, r.cutoff, r.state, r.attempt, r.phase,
                r.chunksScanned, r.chunksDeleted, r.bytesFreed, r.orphansAdopted, r.error, r.createdAt, r.startedAt,
                r.finishedAt);
    }
}
