package io.arca.archive.manifest;

import io.arca.archive.ArchiveException;

/**
 * The manifest object in the bucket is not the one the backup wrote: its SHA-256 differs from the digest recorded
 * when the backup completed (the catalog's {@code backups.manifest_sha256}). It was replaced or altered since;
 * nothing it lists may be restored.
 */
public class ManifestMismatchException extends ArchiveException {
    public ManifestMismatchException(String message) {
        super(message);
    }
}
