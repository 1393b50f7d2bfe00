package io.arca.archive.repo;

import io.arca.archive.key.DataKeys;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.verify.Verifier;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A tenant's repository read from the bucket alone (no catalog): list its backups, read their manifests and
 * entries, verify them. Data keys come from the bucket ({@code tenants/{tenant}/keys/}) unwrapped by the master
 * key. A backup exists when its manifest exists.
 */
public final class ArchiveRepository implements AutoCloseable {
    private final ObjectStore store;
    private final String tenant;
    private final BackupReader reader;

    public ArchiveRepository(ObjectStore store, String tenant, KeyRing keys) {
        this.store = store;
        this.tenant = tenant;
        this.reader = new BackupReader(store, tenant, keys);
    }

    /** @param masterOrNull the master key; null for a repository without encrypted backups */
    public static ArchiveRepository open(ObjectStore store, String tenant, DataKeys masterOrNull) {
        KeyRing keys = masterOrNull == null ? KeyRing.none() : new BucketKeys(store).keyRing(tenant, masterOrNull);
        return new ArchiveRepository(store, tenant, keys);
    }

    /** Ids of the tenant's backups that have a manifest, sorted. */
    public List<String> listBackupIds() {
        try (Stream<ObjectInfo> objects = store.list(RepositoryLayout.backupsPrefix(tenant))) {
            return objects.map(o -> RepositoryLayout.backupIdOfManifestKey(tenant, o.key()))
                    .filter(Objects::nonNull).sorted().toList();
        }
    }

    public Manifest readManifest(String backupId) {
        return reader.readManifest(backupId);
    }

    public BackupReader reader() {
        return reader;
    }

    public Verifier verifier() {
        return new Verifier(reader);
    }

    @Override
    public void close() {
        reader.close();
    }
}
