package io.arca.cli.restore;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.output.Column;
import io.arca.cli.output.Formats;
import io.arca.cli.output.Output;
import java.io.PrintStream;
import java.util.List;

/** How a restore, its dry-run preview and a refusal to overwrite read for a person. */
final class RestoreText {
    static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("backup", "backupId"),
            new Column("target", r -> r.at("/target/sourceId").asText() + "/" + r.at("/target/database").asText()),
            Column.of("state", "state"), Column.of("phase", "/progress/phase"), Column.of("dry run", "dryRun"),
            new Column("tables", r -> r.at("/progress/tablesDone").asText("-") + "/"
                    + r.at("/progress/tablesTotal").asText("-")),
            Column.bytes("restored", "/progress/bytesRestored"), Column.of("safety backup", "safetyBackupId"),
            Column.of("error", "error"), Column.time("created", "createdAt"), Column.time("finished", "finishedAt"));

    private RestoreText() {
    }

    static void print(Output output, PrintStream out, JsonNode restore) {
        output.object(restore, SHOW);
        JsonNode preview = restore.path("preview");
        if (output.json() || output.quiet() || !preview.isObject()) {
            return;
        }
        out.println();
        out.println("preview:");
        out.println("  database exists:  " + preview.path("databaseExists").asText("-"));
        out.println("  objects created:  " + Formats.text(preview.path("objectsToCreate")));
        out.println("  objects dropped:  " + Formats.text(preview.path("objectsToDrop")));
        out.println("  rows to load:     " + preview.path("rowsToLoad").asText("-") + " ("
                + Formats.bytes(preview.path("bytesToLoad")) + ")");
        for (JsonNode t : preview.path("tables")) {
            out.println("    " + t.path("action").asText() + " " + t.path("schema").asText() + "."
                    + t.path("table").asText() + ": " + t.path("rows").asText() + " rows, "
                    + Formats.bytes(t.path("bytes")) + (t.path("rowsNow").isNumber()
                            ? " (holds " + t.path("rowsNow").asText() + " rows now)" : ""));
        }
        JsonNode blocking = preview.at("/conflicts/blocking");
        if (blocking.isArray() && !blocking.isEmpty()) {
            out.println("  blocking:         " + blocking);
        }
        JsonNode overwrite = preview.path("wouldOverwrite");
        if (overwrite.isObject() && overwrite.path("tables").size() > 0) {
            out.println("  would overwrite:  " + tables(overwrite));
        }
        if (preview.at("/estimate/durationMs").isNumber()) {
            out.println("  estimate:         " + Formats.duration(java.time.Duration.ofMillis(
                    preview.at("/estimate/durationMs").asLong())));
        }
    }

    /** The end of a data-loss-unconfirmed message: what holds data, and the flags that confirm. */
    static String refusal(JsonNode problem) {
        JsonNode overwrite = problem.path("wouldOverwrite");
        String what = overwrite.path("tables").size() > 0 ? "; it would overwrite " + tables(overwrite) : "";
        return what + ". Look first with --dry-run; confirm with --confirm-data-loss (a safety backup of what is "
                + "overwritten is taken unless --no-safety-backup)";
    }

    private static String tables(JsonNode overwrite) {
        StringBuilder s = new StringBuilder();
        for (JsonNode t : overwrite.path("tables")) {
            s.append(s.isEmpty() ? "" : ", ").append(t.path("schema").asText()).append('.')
                    .append(t.path("table").asText()).append(" (").append(t.path("rows").asText()).append(" rows)");
        }
        return s.toString();
    }
}
