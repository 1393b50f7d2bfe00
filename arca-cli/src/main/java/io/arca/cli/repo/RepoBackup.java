package io.arca.cli.repo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.cli.http.ApiClient;
import java.util.HashMap;
import java.util.Map;

/** One backup as {@code arca repo ls} shows it, from its manifest alone. */
final class RepoBackup {
    private RepoBackup() {
    }

    static ObjectNode describe(Manifest m) {
        Map<String, String> attributes = m.source() == null ? Map.of() : m.source().attributes();
        Map<String, Long> chunks = new HashMap<>();
        long tables = 0;
        for (ManifestEntry e : m.entries()) {
            if ("table-data".equals(e.kind())) {
                tables++;
            }
            for (ChunkRef c : e.chunks()) {
                chunks.putIfAbsent(c.name(), c.storedSize());
            }
        }
        ObjectNode node = ApiClient.json().createObjectNode().put("id", m.backupId()).put("tenant", m.tenant())
                .put("tenantName", attributes.get("tenantName"))
                .put("source", attributes.getOrDefault("sourceName", m.source() == null ? null
                        : m.source().description()))
                .put("sourceId", attributes.get("sourceId")).put("database", attributes.get("database"))
                .put("createdAt", m.createdAt() == null ? null : m.createdAt().toString())
                .put("serverVersion", m.source() == null ? null : m.source().serverVersion())
                .put("logicalSize", m.totalSize())
                .put("storedSize", chunks.values().stream().mapToLong(Long::longValue).sum())
                .put("tables", tables).put("encrypted", m.options() != null && m.options().encrypted())
                .put("formatVersion", m.formatVersion());
        return node;
    }
}
