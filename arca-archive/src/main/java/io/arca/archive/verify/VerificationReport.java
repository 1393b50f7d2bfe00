package io.arca.archive.verify;

import java.util.List;

/**
 * The outcome of verifying one backup: how much was checked and every defect found (empty when the backup is
 * intact).
 */
public record VerificationReport(String backupId, int entriesChecked, long chunksChecked, long bytesChecked,
        List<Defect> defects) {
    public VerificationReport {
        defects = List.copyOf(defects);
    }

    public boolean ok() {
        return defects.isEmpty();
    }
}
