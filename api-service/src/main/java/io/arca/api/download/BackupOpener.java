package io.arca.api.download;

import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.export.BackupContent;
import io.arca.pg.DumpPlan;
import io.arca.storage.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Opens stored backups the way a download reads them: under the tenant's keys, through a {@link WatchedStore}, the
 * manifest only with the digest the backup recorded when it completed.
 */
@ApplicationScoped
class BackupOpener {
    private final ObjectStore store;
    private final TenantKeys keys;
    private final DownloadMetrics metrics;

    BackupOpener(ObjectStore store, TenantKeys keys, DownloadMetrics metrics) {
        this.store = store;
        this.keys = keys;
        this.metrics = metrics;
    }

    /**
     * The manifest, dump plan and a reader, ready to render. The caller closes the result.
     *
     * @throws ArchiveException when the manifest or the dump plan cannot be read
     */
    OpenBackup open(BackupRecord backup) {
        WatchedStore watched = new WatchedStore(store, metrics);
        BackupReader reader = new BackupReader(watched, backup.tenantId().toString(), keys.keyRing(backup.tenantId()));
        try {
            Manifest manifest = manifest(reader, backup, false);
            DumpPlan plan = plan(reader, manifest);
            return new OpenBackup(reader, watched, new BackupContent(reader, manifest, plan, watched));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The backup's tables ({@code schema, table}) from its manifest, for backups without catalog entry rows. */
    List<String[]> tablesFromManifest(BackupRecord backup) {
        try (BackupReader reader = new BackupReader(store, backup.tenantId().toString(),
                keys.keyRing(backup.tenantId()))) {
            return manifest(reader, backup, true).entries().stream()
                    .filter(e -> BackupTables.TABLE_DATA.equals(e.kind()) && e.schema() != null && e.table() != null)
                    .map(e -> new String[] {e.schema(), e.table()})
                    .toList();
        }
    }

    private static Manifest manifest(BackupReader reader, BackupRecord backup, boolean asProblem) {
        try {
            return reader.readManifest(backup.id().toString(), backup.manifestSha256());
        } catch (ArchiveException e) {
            throw asProblem ? ReadFailures.problem(e, backup.id().toString()) : e;
        }
    }

    private static DumpPlan plan(BackupReader reader, Manifest manifest) {
        ManifestEntry entry = manifest.entry(DumpPlan.ENTRY_NAME).orElseThrow(() ->
                new ArchiveException("the manifest has no " + DumpPlan.ENTRY_NAME + " entry"));
        try (InputStream in = reader.openEntry(entry, 0)) {
            return DumpPlan.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new ArchiveException("the dump plan does not decode: " + e.getMessage(), e);
        }
    }
}
