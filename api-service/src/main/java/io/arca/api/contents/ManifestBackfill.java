package io.arca.api.contents;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import io.arca.storage.BackupEntryRows;
import io.arca.storage.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Catalog rows for backups that completed before the worker wrote them (catalog version 4): the manifest is read
 * once, checked against the digest the backup recorded, and its entries inserted; the worker's rows and a concurrent
 * backfill's insert the same rows, so whichever comes second does nothing.
 */
@ApplicationScoped
class ManifestBackfill {
    private static final Logger LOG = Logger.getLogger(ManifestBackfill.class);

    @Inject
    ObjectStore store;

    @Inject
    TenantKeys tenantKeys;

    @Inject
    EntityManager em;

    /** Reads the manifest (outside any transaction: it is object-store I/O) and records its entries. */
    void backfill(UUID tenantId, UUID backupId, String manifestSha256) {
        Manifest manifest = read(tenantId, backupId, manifestSha256);
        insert(tenantId, backupId, manifest);
        LOG.infof("backup %s: %d entries recorded from its manifest", backupId, manifest.entries().size());
    }

    @Transactional
    void insert(UUID tenantId, UUID backupId, Manifest manifest) {
        em.unwrap(Session.class).doWork(c -> BackupEntryRows.insert(c, tenantId, backupId, manifest));
    }

    private Manifest read(UUID tenantId, UUID backupId, String manifestSha256) {
        if (manifestSha256 == null) {
            throw new ProblemException(ProblemType.MANIFEST_UNREADABLE, "backup " + backupId + " recorded no "
                    + "manifest digest, so its manifest in the bucket cannot be checked", null);
        }
        try (BackupReader reader = new BackupReader(store, tenantId.toString(),
                tenantKeys.keyRing(tenantId))) {
            return reader.readManifest(backupId.toString(), manifestSha256);
        } catch (ObjectNotFoundException e) {
            throw new ProblemException(ProblemType.MANIFEST_UNREADABLE,
                    "the manifest of backup " + backupId + " is missing from the bucket", null);
        } catch (ObjectStoreException e) {
            LOG.warnf("backup %s: manifest not readable now: %s", backupId, e.getMessage());
            throw new ProblemException(ProblemType.OBJECT_STORE_UNAVAILABLE,
                    "the object store did not answer while reading the backup's manifest; retry later", null);
        } catch (ArchiveException e) {
            throw new ProblemException(ProblemType.MANIFEST_UNREADABLE,
                    "the manifest of backup " + backupId + " cannot be read: " + e.getMessage(), null);
        }
    }
}
