package io.arca.archive.index;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which chunks a tenant already has in the bucket (dedup scope: the tenant). The writer asks before uploading a
 * chunk and records what it uploaded. The catalog-backed implementation (worker) makes "reuse" and garbage
 * collection exclusive: {@link #reuse} adds a reference from the backup in the same step as it confirms the
 * chunk exists, so a chunk it returns cannot be collected while the backup relies on it. Thread-safe.
 */
public interface ChunkIndex {

    /**
     * Of {@code names}, those the tenant already has, each now referenced by {@code backupId}, with its stored
     * size in bytes. Names not in the result must be uploaded (and then {@link #recordUploaded recorded}).
     */
    Map<String, Long> reuse(String tenant, String backupId, Collection<String> names);

    /** Records chunks that were just uploaded (the objects exist), referenced by {@code backupId}. */
    void recordUploaded(String tenant, String backupId, List<StoredChunk> chunks);

    /** A chunk object in the bucket: its name and encoded size. */
    record StoredChunk(String name, long storedSize) {
    }
}
