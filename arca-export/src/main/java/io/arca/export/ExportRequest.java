package io.arca.export;

import io.arca.pg.TablePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to render: format, compression and the table patterns (as in backups: {@code schema.table} or a table name,
 * {@code *} wildcards; empty = every table). {@link #parse} is the one place that decides which combinations exist,
 * for download links and export jobs alike; documented in docs/downloads.md.
 *
 * <ul>
 *   <li>{@code sql}: none, gzip or zstd (default gzip).</li>
 *   <li>{@code csv}, {@code json}: a zip, whose entries are deflated (gzip, the default) or stored uncompressed in
 *       deflate's stored blocks (none); zstd is refused, because common zip readers cannot open it.</li>
 *   <li>{@code archive}: the backup's objects as they are (chunks are compressed already): none only, no tables.</li>
 * </ul>
 */
public record ExportRequest(ExportFormat format, ExportCompression compression, List<String> tables) {
    public ExportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /**
     * Parses and checks a request as a client sends it ({@code compression} null = the format's default).
     *
     * @throws ExportRefusedException {@code invalid-export-option} naming the field and the accepted values
     */
    public static ExportRequest parse(String format, String compression, List<String> tables) {
        if (format == null) {
            throw new ExportRefusedException("invalid-export-option", "format is required: one of sql, csv, json, "
                    + "archive");
        }
        ExportFormat f = wire(() -> ExportFormat.fromWireName(format));
        ExportCompression c = compression == null ? defaultCompression(f)
                : wire(() -> ExportCompression.fromWireName(compression));
        List<String> patterns = tables == null ? List.of() : new ArrayList<>(tables);
        for (String p : patterns) {
            if (p == null || p.isBlank()) {
                throw new ExportRefusedException("invalid-export-option", "tables must not contain blank patterns");
            }
        }
        if (f == ExportFormat.ARCHIVE && c != ExportCompression.NONE) {
            throw new ExportRefusedException("invalid-export-option", "the archive format holds the backup's "
                    + "objects as stored (its chunks are compressed already): compression must be none");
        }
        if (f == ExportFormat.ARCHIVE && !patterns.isEmpty()) {
            throw new ExportRefusedException("invalid-export-option", "the archive format is the whole backup: "
                    + "tables cannot be selected (use sql, csv or json)");
        }
        if ((f == ExportFormat.CSV || f == ExportFormat.JSON) && c == ExportCompression.ZSTD) {
            throw new ExportRefusedException("invalid-export-option", "the " + f.wireName() + " format is a zip, "
                    + "whose entries are deflated (gzip) or stored (none); zstd inside zip is not readable by common "
                    + "zip tools");
        }
        return new ExportRequest(f, c, patterns);
    }

    /**
     * The file name suffix of this request's rendering, known before anything is rendered (a link shows its file
     * name); every {@link RenderedExport#fileSuffix()} returns this.
     */
    public String fileSuffix() {
        return suffixOf(format, compression);
    }

    public static String suffixOf(ExportFormat format, ExportCompression compression) {
        return switch (format) {
            case SQL -> switch (compression) {
                case NONE -> ".sql";
                case GZIP -> ".sql.gz";
                case ZSTD -> ".sql.zst";
            };
            case CSV -> ".csv.zip";
            case JSON -> ".json.zip";
            case ARCHIVE -> ".tar";
        };
    }

    public static ExportCompression defaultCompression(ExportFormat format) {
        return format == ExportFormat.ARCHIVE ? ExportCompression.NONE : ExportCompression.GZIP;
    }

    public List<TablePattern> patterns() {
        return tables.stream().map(TablePattern::of).toList();
    }

    /** True when the table is selected (every table when no patterns were given). */
    public boolean selects(String schema, String table) {
        return tables.isEmpty() || tables.stream().anyMatch(p -> TablePattern.of(p).matches(schema, table));
    }

    /**
     * Checks the request against what the backup holds: its type ({@code full}, {@code schema-only},
     * {@code data-only}) and its tables ({@code schema.table} pairs, unquoted).
     *
     * @throws ExportRefusedException {@code backup-has-no-data} for csv/json of a schema-only backup,
     *                                {@code tables-match-nothing} naming each pattern that selects no table
     */
    public void checkAgainst(String backupType, List<String[]> backupTables) {
        if ((format == ExportFormat.CSV || format == ExportFormat.JSON) && "schema-only".equals(backupType)) {
            throw new ExportRefusedException("backup-has-no-data", "the backup is schema-only: it holds no table "
                    + "rows, so there is nothing to write as " + format.wireName() + " (use sql for its schema)");
        }
        List<String> unmatched = new ArrayList<>();
        for (String p : tables) {
            TablePattern pattern = TablePattern.of(p);
            if (backupTables.stream().noneMatch(t -> pattern.matches(t[0], t[1]))) {
                unmatched.add(p);
            }
        }
        if (!unmatched.isEmpty()) {
            throw new ExportRefusedException("tables-match-nothing", "no table of the backup matches " + unmatched);
        }
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T wire(Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ExportRefusedException("invalid-export-option", e.getMessage());
        }
    }
}
