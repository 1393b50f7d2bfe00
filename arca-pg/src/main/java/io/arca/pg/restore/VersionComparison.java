package io.arca.pg.restore;

import io.arca.pg.restore.RestorePreview.Versions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The backed-up and the target server's versions for a preview, and what their difference means. */
final class VersionComparison {
    private static final Pattern MAJOR = Pattern.compile("^\\s*(\\d+)");

    private VersionComparison() {
    }

    /** Adds the refusal of an older target to {@code blocking}. */
    static Versions of(String sourceVersion, TargetInspection target, List<String> blocking) {
        Integer sourceMajor = major(sourceVersion);
        Integer targetMajor = target.serverMajor() > 0 ? target.serverMajor() : null;
        String difference = null;
        if (sourceMajor != null && targetMajor != null && !sourceMajor.equals(targetMajor)) {
            String both = "the backup is of PostgreSQL " + sourceVersion + ", the target runs " + target.serverVersion();
            if (targetMajor > sourceMajor) {
                difference = both + ": a newer major version, which is supported (the usual upgrade path)";
            } else {
                difference = both + ": an older major version, which is refused (a newer server's dump may use what "
                        + "an older one lacks)";
                blocking.add(difference);
            }
        }
        return new Versions(sourceVersion, sourceMajor, target.serverVersion(), targetMajor, difference);
    }

    /** 15 of {@code 15.10 (Debian ...)}, 9 of {@code 9.6.24}; null when unknown. */
    static Integer major(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = MAJOR.matcher(version);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
