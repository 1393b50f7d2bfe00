package io.arca.api.download;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.archive.ArchiveException;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStoreException;
import io.arca.archive.verify.Verifier;

/** What a failure to read a stored backup means: damage (the backup is flagged) or an unavailable store (retry). */
final class ReadFailures {
    private ReadFailures() {
    }

    /** The archive failure in {@code t}'s cause chain (renderers may wrap it), or null. */
    static ArchiveException archiveCause(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof ArchiveException archive) {
                return archive;
            }
        }
        return null;
    }

    /**
     * True when the stored objects are damaged: missing, undecodable, or not what the manifest says. False for an
     * object store that failed to answer (after its retries): the backup may be fine, so it is not flagged.
     */
    static boolean isDamage(ArchiveException e) {
        return !(e instanceof ObjectStoreException) || e instanceof ObjectNotFoundException;
    }

    /** The reason as recorded in a backup's verification problems, e.g. {@code authentication-failed}. */
    static String reason(Throwable e) {
        return Verifier.kindOf(e).label();
    }

    /** A failure before any byte was sent, as the client's answer. */
    static ProblemException problem(ArchiveException e, String backupId) {
        if (!isDamage(e)) {
            return new ProblemException(ProblemType.OBJECT_STORE_UNAVAILABLE, "the object store did not answer while "
                    + "reading backup " + backupId + "; try again later", null);
        }
        return new ProblemException(ProblemType.BACKUP_CORRUPTED, "backup " + backupId + " cannot be read ("
                + reason(e) + "): " + e.getMessage(), null);
    }
}
