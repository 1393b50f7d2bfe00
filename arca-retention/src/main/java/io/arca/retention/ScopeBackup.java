package io.arca.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * A live backup of a scope, with only what retention needs: its job state, whether it is corrupted or pinned, and
 * its time ({@code started_at}, or {@code created_at} while it has none).
 */
public record ScopeBackup(UUID id, UUID sourceId, UUID scheduleId, String state, boolean corrupted, boolean pinned,
                          Instant time) {

    /** Only completed, uncorrupted backups are judged by the policy. */
    public boolean candidate() {
        return "completed".equals(state) && !corrupted;
    }
}
