package io.arca.cli.repo;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.export.BackupContent;
import java.io.IOException;

/**
 * A backup's content (manifest and dump plan) for the restore engine and the SQL renderer. Without the catalog
 * there is no recorded manifest digest to compare with: the manifest is taken from the bucket as it is, and every
 * entry is still checked against the digest the manifest names as it is read.
 */
final class RepoBackupContent {
    private RepoBackupContent() {
    }

    static BackupContent read(RepoAccess access, ArchiveRepository repository, String backupId) throws IOException {
        Manifest manifest = repository.readManifest(backupId);
        return new BackupContent(repository.reader(), manifest, BackupContent.readPlan(repository.reader(), manifest),
                access.store());
    }
}
