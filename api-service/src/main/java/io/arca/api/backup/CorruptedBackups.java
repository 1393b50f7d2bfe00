package io.arca.api.backup;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import java.util.List;

/** The one refusal of work on a backup that a verification found corrupted (restores, exports; unless forced). */
public final class CorruptedBackups {
    private CorruptedBackups() {
    }

    /** 409 {@code backup-corrupted}: how many problems the verification found, and how to go ahead anyway. */
    public static ProblemException refusal(Backup backup, String action) {
        Object problems = backup.verification == null ? null : backup.verification.get("problems");
        int count = problems instanceof List<?> list ? list.size() : 0;
        Object verificationId = backup.verification == null ? null : backup.verification.get("verificationId");
        String found = count == 1 ? "1 problem" : count + " problems";
        return new ProblemException(ProblemType.BACKUP_CORRUPTED, "backup " + backup.id + " is corrupted: "
                + "verification " + (verificationId == null ? "" : verificationId + " ") + "found " + found
                + " in its stored objects; it can be " + action + " only with \"force\": true (the damaged parts "
                + "cannot be read)", "force");
    }
}
