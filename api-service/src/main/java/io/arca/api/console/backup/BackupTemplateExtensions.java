package io.arca.api.console.backup;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Numbers of the backup pages that the shared formats do not cover. */
@TemplateExtension
final class BackupTemplateExtensions {
    private BackupTemplateExtensions() {
    }

    /** {@code {backup.result.dedupRatio.ratio}}: 3.14 → "3.1×". */
    static String ratio(Double ratio) {
        return ratio == null ? "" : String.format(Locale.ROOT, "%.1f×", ratio);
    }
}
