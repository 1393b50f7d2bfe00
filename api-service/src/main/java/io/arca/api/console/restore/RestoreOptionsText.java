package io.arca.api.console.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A restore's stored options ({@code restores.options}) in words, for its page. */
final class RestoreOptionsText {
    private RestoreOptionsText() {
    }

    static List<String> of(Map<String, Object> options) {
        if (options == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        Object tables = options.get("tables");
        lines.add(tables instanceof List<?> list && !list.isEmpty()
                ? "Tables: " + String.join(", ", list.stream().map(String::valueOf).toList())
                : "Tables: all of the backup's");
        lines.add("Mode: " + mode(options));
        if (isTrue(options, "skipOwnership")) {
            lines.add("Owners and privileges: not restored (skipOwnership)");
        }
        if (isTrue(options, "strict")) {
            lines.add("Strict: a selection leaving out referenced tables is refused");
        }
        if (isTrue(options, "confirmDataLoss")) {
            lines.add("Data loss confirmed: yes");
        }
        lines.add("Safety backup of what is overwritten: " + (Boolean.FALSE.equals(options.get("safetyBackup"))
                ? "no" : "yes"));
        if (options.get("parallelism") != null) {
            lines.add("Parallel sessions: " + options.get("parallelism"));
        }
        if (isTrue(options, "force")) {
            lines.add("Forced over a failed verification");
        }
        return lines;
    }

    private static String mode(Map<String, Object> options) {
        if ("merge".equals(options.get("mode"))) {
            return "merge rows by primary key, conflicts: " + options.getOrDefault("onConflict", "skip");
        }
        if (isTrue(options, "dataOnly")) {
            return "rows only: empty the existing tables and reload them (dataOnly)";
        }
        String base = isTrue(options, "dropExisting")
                ? "drop what exists and re-create it (dropExisting)" : "create the objects";
        return isTrue(options, "schemaOnly") ? base + ", definitions only (schemaOnly)" : base;
    }

    private static boolean isTrue(Map<String, Object> options, String key) {
        return Boolean.TRUE.equals(options.get(key));
    }
}
