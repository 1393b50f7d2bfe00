package io.arca.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a policy decided for one candidate: kept (with every rule that keeps it, e.g. {@code daily 2026-11-30},
 * {@code oldest weekly 2026-W40}, {@code within}, {@code minKeep}, {@code pinned}) or expired (no rules).
 */
public record RetentionVerdict(UUID id, Instant time, boolean pinned, boolean keep, List<String> rules) {
}
