package io.arca.api.download;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.storage.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Flags a backup whose stored objects a download found damaged: {@code corrupted = true}, and a problem in its
 * {@code verification.problems} ({@code chunk}, {@code entries}, {@code reason}, {@code detail},
 * {@code foundBy: "download"}), the same shape a verify job records. The bad chunk is found by re-reading the
 * chunks the download fetched last (newest first; the failure surfaces within the reader's read-ahead window), so
 * no download ever re-reads a whole backup. The same chunk is recorded once however often it is hit.
 */
@ApplicationScoped
class CorruptionReporter {
    private static final Logger LOG = Logger.getLogger(CorruptionReporter.class);

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final TenantKeys keys;
    private final ObjectMapper json;

    CorruptionReporter(AgroalDataSource db, ObjectStore store, TenantKeys keys, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.keys = keys;
        this.json = json;
    }

    /** {@code open} is null when the manifest itself could not be read. */
    void report(BackupRecord backup, OpenBackup open, ArchiveException failure) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("chunk", null);
        problem.put("entries", List.of());
        problem.put("reason", ReadFailures.reason(failure));
        problem.put("detail", failure.getMessage());
        problem.put("foundBy", "download");
        if (open != null) {
            locate(backup, open, problem);
        }
        try {
            flag(backup, problem);
            LOG.warnf("backup %s flagged corrupted by a download: %s", backup.id(), problem);
        } catch (SQLException | JsonProcessingException e) {
            LOG.errorf(e, "backup %s: a download found damage (%s) but flagging it failed", backup.id(), problem);
        }
    }

    private void locate(BackupRecord backup, OpenBackup open, Map<String, Object> problem) {
        Manifest manifest = open.content().manifest();
        List<String> recent = new ArrayList<>(open.store().recentChunks());
        Collections.reverse(recent);
        try (BackupReader reader = new BackupReader(store, backup.tenantId().toString(),
                keys.keyRing(backup.tenantId()))) {
            for (String name : recent) {
                ChunkRef ref = manifest.chunk(name).orElse(null);
                if (ref == null) {
                    continue;
                }
                try {
                    reader.readChunk(ref);
                } catch (ArchiveException e) {
                    if (ReadFailures.isDamage(e)) {
                        problem.put("chunk", name);
                        problem.put("entries", entriesUsing(manifest, name));
                        problem.put("reason", ReadFailures.reason(e));
                        problem.put("detail", e.getMessage());
                        return;
                    }
                }
            }
        }
        // every recent chunk reads fine: the entry as a whole is wrong (size or SHA-256); name the newest one's
        if (!recent.isEmpty()) {
            problem.put("entries", entriesUsing(manifest, recent.get(0)));
        }
    }

    private static List<String> entriesUsing(Manifest manifest, String chunk) {
        return manifest.entriesUsing(chunk).stream().map(ManifestEntry::name).toList();
    }

    private void flag(BackupRecord backup, Map<String, Object> problem) throws SQLException, JsonProcessingException {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("chunk", problem.get("chunk"));
        identity.put("reason", problem.get("reason"));
        identity.put("foundBy", "download");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update backups set corrupted = true, verification = case "
                        + "when coalesce(verification -> 'problems', '[]'::jsonb) @> jsonb_build_array(?::jsonb) "
                        + "then verification "
                        + "else jsonb_set(coalesce(verification, '{}'::jsonb), '{problems}', "
                        + "coalesce(verification -> 'problems', '[]'::jsonb) || jsonb_build_array(?::jsonb)) end, "
                        + "updated_at = now(), version = version + 1 where id = ?")) {
            ps.setString(1, json.writeValueAsString(identity));
            ps.setString(2, json.writeValueAsString(problem));
            ps.setObject(3, backup.id());
            ps.executeUpdate();
        }
    }
}
