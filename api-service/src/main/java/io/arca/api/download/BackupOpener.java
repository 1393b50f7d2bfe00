package io.arca.api.download;

import io.arca.api.error.ProblemException;
import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.export.BackupContent;
import io.arca.storage.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

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
     * @throws ArchiveException when the manifest or the dump plan cannot be read (damage, or a store that does not
     *                          answer)
     * @throws ProblemException 409 for a backup this build cannot render (no dump plan, or one of a newer version)
     */
    OpenBackup open(BackupRecord backup) {
        WatchedStore watched = new WatchedStore(store, metrics);
        BackupReader reader = new BackupReader(watched, backup.tenantId().toString(), keys.keyRing(backup.tenantId()));
        try {
            BackupContent content = BackupContent.read(reader, watched, backup.id().toString(),
                    backup.manifestSha256());
            return new OpenBackup(reader, watched, content);
        } catch (IOException | NoSuchElementException e) {
            reader.close();
            // not damage: the objects are intact, this build cannot render them
            throw ProblemException.conflict("backup " + backup.id() + " cannot be rendered by this version of Arca: "
                    + e.getMessage(), null);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
