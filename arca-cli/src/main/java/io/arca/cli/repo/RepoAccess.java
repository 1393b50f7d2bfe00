package io.arca.cli.repo;

import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.key.DataKeys;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStoreException;
import io.arca.archive.store.S3ObjectStore;
import io.arca.cli.CliException;
import io.arca.cli.CliIo;
import io.arca.cli.ExitCode;
import io.arca.common.crypto.MasterKeyRing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The repository opened from the bucket and the master key alone: tenants found by listing {@code tenants/}, a
 * backup found in whichever tenant holds its manifest, and each tenant's data keys unwrapped before anything is read
 * or written, so a wrong master key stops a command at once (exit 3) and never half-way through a restore.
 */
final class RepoAccess {
    private final S3ObjectStore store;
    private final DataKeys master;

    private RepoAccess(S3ObjectStore store, DataKeys master) {
        this.store = store;
        this.master = master;
    }

    static RepoAccess open(RepoOptions options, CliIo io) {
        String masterKey = options.masterKey(io);
        DataKeys master = null;
        if (masterKey != null) {
            try {
                master = new DataKeys(MasterKeyRing.fromBase64(masterKey, options.previousMasterKeys(io)));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("the master key is not valid: " + e.getMessage().replace(
                        MasterKeyRing.CURRENT_KEY_SETTING, "ARCA_MASTER_KEY"));
            }
        }
        S3ObjectStore store = S3ObjectStore.create(options.endpoint(io), options.accessKey(io),
                options.secretKey(io), options.region(io), options.bucket(io));
        return new RepoAccess(store, master);
    }

    /** The tenants with anything in the bucket (their ids, as the bucket names them). */
    List<String> tenants() {
        String root = "tenants/";
        try {
            List<String> tenants = new ArrayList<>();
            for (String prefix : store.childPrefixes(root)) {
                tenants.add(prefix.substring(root.length(), prefix.length() - 1));
            }
            return tenants;
        } catch (ObjectStoreException e) {
            throw unreachable(e);
        }
    }

    /**
     * The tenant whose bucket area holds the backup's manifest; exit 4 when none does. One HEAD per tenant, 16 at a
     * time: a bucket of hundreds of tenants is searched in a second, not in hundreds of round trips one after another.
     */
    String tenantOf(String backupId) {
        List<String> tenants = tenants();
        try (ExecutorService heads = Executors.newFixedThreadPool(Math.max(1, Math.min(16, tenants.size())))) {
            List<Future<Boolean>> found = new ArrayList<>();
            for (String tenant : tenants) {
                found.add(heads.submit(() -> store.exists(RepositoryLayout.manifestKey(tenant, backupId))));
            }
            for (int i = 0; i < tenants.size(); i++) {
                if (found.get(i).get()) {
                    return tenants.get(i);
                }
            }
        } catch (ExecutionException e) {
            throw unreachable(e.getCause() instanceof Exception c ? c : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted", e);
        }
        throw CliException.notFound("no backup " + backupId + " in bucket " + store.bucket()
                + " (arca repo ls lists them)");
    }

    /**
     * The tenant's repository, its data keys unwrapped first: a key the master key cannot open is exit 3, "cannot
     * unwrap tenant key"; a tenant with keys and no master key given is exit 3 too.
     */
    ArchiveRepository repository(String tenant) {
        BucketKeys keys = new BucketKeys(store);
        List<String> keyIds = keys.keyIds(tenant);
        if (!keyIds.isEmpty() && master == null) {
            throw new CliException(ExitCode.AUTH, "tenant " + tenant + " has encrypted backups: set ARCA_MASTER_KEY "
                    + "or pass --master-key-file");
        }
        for (String keyId : keyIds) {
            try {
                master.unwrap(keys.get(tenant, keyId).orElseThrow());
            } catch (KeyUnavailableException e) {
                throw new CliException(ExitCode.AUTH, "cannot unwrap tenant key " + keyId + " of tenant " + tenant
                        + " with the master key given (is it this deployment's ARCA_SECURITY_MASTER_KEY? a rotated-out "
                        + "key goes into ARCA_PREVIOUS_MASTER_KEYS)", e);
            }
        }
        return ArchiveRepository.open(store, tenant, keyIds.isEmpty() ? null : master);
    }

    S3ObjectStore store() {
        return store;
    }

    static CliException unreachable(Exception e) {
        return new CliException(ExitCode.SERVER, "the object store cannot be read: " + e.getMessage(), e);
    }
}
