package io.arca.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * A backup retention may keep or expire: completed, not corrupted, live. {@code time} is what its buckets are read
 * from: the snapshot's start ({@code backups.started_at}, or {@code created_at} for a row that has none), the moment
 * the data was read, as restic uses a snapshot's time.
 */
public record RetentionCandidate(UUID id, Instant time, boolean pinned) {
}
