package io.arca.api.download;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import java.time.Instant;
import java.util.UUID;

/** The refusals links and downloads share. */
final class DownloadProblems {
    private DownloadProblems() {
    }

    static ProblemException corrupted(UUID backupId) {
        return new ProblemException(ProblemType.BACKUP_CORRUPTED, "backup " + backupId + " is flagged corrupted "
                + "(a verification or a download found damaged objects; see its verification problems); ask for a "
                + "link with \"force\": true to download what can be read", "force");
    }

    static ProblemException expired(Instant at) {
        return new ProblemException(ProblemType.DOWNLOAD_LINK_EXPIRED, "this download link expired at " + at
                + "; ask for a new one", null);
    }

    static ProblemException revoked() {
        return new ProblemException(ProblemType.DOWNLOAD_LINK_REVOKED, "the backup's download links were revoked "
                + "after this one was issued; ask for a new one", null);
    }

    static ProblemException gone(UUID backupId) {
        return new ProblemException(ProblemType.BACKUP_GONE, "backup " + backupId + " was deleted after this link "
                + "was issued", null);
    }
}
