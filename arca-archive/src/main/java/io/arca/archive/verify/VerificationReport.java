package io.arca.archive.verify;

import java.util.List;

/**
 * The outcome of verifying one backup: how much was checked and every problem found (empty when the backup is
 * intact).
 */
public record VerificationReport(String backupId, int entriesChecked, long chunksChecked, long bytesChecked,
        List<Problem> problems) {
    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
