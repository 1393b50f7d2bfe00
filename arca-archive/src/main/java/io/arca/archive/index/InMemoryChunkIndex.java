package io.arca.archive.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A chunk index in memory (tests, benchmarks, tools); references are kept per backup. */
public final class InMemoryChunkIndex implements ChunkIndex {
    private final Map<String, Map<String, Long>> sizesByTenant = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> referencesByBackup = new ConcurrentHashMap<>();

    @Override
    public Map<String, Long> reuse(String tenant, String backupId, Collection<String> names) {
        Map<String, Long> sizes = tenantSizes(tenant);
        Map<String, Long> found = new HashMap<>();
        for (String name : names) {
            Long size = sizes.get(name);
            if (size != null) {
                found.put(name, size);
                references(tenant, backupId).add(name);
            }
        }
        return found;
    }

    @Override
    public void recordUploaded(String tenant, String backupId, List<StoredChunk> chunks) {
        Map<String, Long> sizes = tenantSizes(tenant);
        for (StoredChunk chunk : chunks) {
            sizes.put(chunk.name(), chunk.storedSize());
            references(tenant, backupId).add(chunk.name());
        }
    }

    /** Chunks known for the tenant. */
    public int size(String tenant) {
        return tenantSizes(tenant).size();
    }

    /** Chunk names referenced by a backup. */
    public Set<String> references(String tenant, String backupId) {
        return referencesByBackup.computeIfAbsent(tenant + "/" + backupId, k -> ConcurrentHashMap.newKeySet());
    }

    /** Forgets everything (tests that simulate a lost catalog). */
    public void clear() {
        sizesByTenant.clear();
        referencesByBackup.clear();
    }

    private Map<String, Long> tenantSizes(String tenant) {
        return sizesByTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    }
}
