package io.arca.api.backup;

import io.arca.api.backup.BackupDtos.BackupRequest;
import io.arca.api.backup.BackupDtos.CompressionRequest;
import io.arca.api.backup.BackupDtos.TablesRequest;
import io.arca.api.error.ProblemException;
import io.arca.jobs.options.BackupOptions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates the options of a backup request (DESIGN §5) and normalises them into {@link BackupOptions}. Schedules
 * take the same options (io.arca.api.schedule).
 */
public final class BackupOptionsValidator {
    static final int MAX_PATTERNS = 1000;
    static final int MAX_PATTERN_LENGTH = 300;
    /**
     * One side of {@code schema.table}: a quoted identifier ({@code ""} escapes a quote) or unquoted letters, digits,
     * {@code _}, {@code $} and the {@code *} wildcard.
     */
    private static final String PART = "(?:\"(?:[^\"\\p{Cntrl}]|\"\")+\"|[\\p{L}\\p{N}_$*]+)";
    private static final Pattern TABLE_PATTERN = Pattern.compile(PART + "\\." + PART);

    private BackupOptionsValidator() {
    }

    public static BackupOptions validate(BackupRequest request) {
        String type = request.type() == null ? BackupOptions.FULL : request.type();
        if (!BackupOptions.TYPES.contains(type)) {
            throw ProblemException.invalid("type", "type must be full, schema-only or data-only");
        }
        TablesRequest tables = request.tables() == null ? new TablesRequest(null, null, null) : request.tables();
        BackupOptions.Tables normalisedTables = new BackupOptions.Tables(
                patterns(tables.include(), "tables.include"),
                patterns(tables.exclude(), "tables.exclude"),
                patterns(tables.excludeData(), "tables.excludeData"));
        return new BackupOptions(type, normalisedTables, compression(request.compression()),
                Boolean.TRUE.equals(request.encrypt()));
    }

    /**
     * Checks table patterns (restores take the same ones).
     *
     * @return the patterns (empty for null); a bad one is a 400 naming it as {@code field[i]}
     */
    public static List<String> patterns(List<String> patterns, String field) {
        if (patterns == null) {
            return List.of();
        }
        if (patterns.size() > MAX_PATTERNS) {
            throw ProblemException.invalid(field, "at most " + MAX_PATTERNS + " patterns");
        }
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String at = field + "[" + i + "]";
            if (pattern == null || pattern.isEmpty()) {
                throw ProblemException.invalid(at, "a table pattern must not be empty");
            }
            if (pattern.length() > MAX_PATTERN_LENGTH) {
                throw ProblemException.invalid(at, "a table pattern is at most " + MAX_PATTERN_LENGTH + " characters");
            }
            if (!TABLE_PATTERN.matcher(pattern).matches()) {
                throw ProblemException.invalid(at, "a table pattern is schema.table with '*' wildcards; "
                        + "quote names with other characters (\"My Schema\".\"t*\"); no control characters");
            }
        }
        return List.copyOf(patterns);
    }

    static BackupOptions.Compression compression(CompressionRequest request) {
        String algorithm = request == null || request.algorithm() == null ? "zstd" : request.algorithm();
        Integer level = request == null ? null : request.level();
        return switch (algorithm) {
            case "zstd" -> new BackupOptions.Compression(algorithm, level(level, 1, 19, 3));
            case "gzip" -> new BackupOptions.Compression(algorithm, level(level, 1, 9, 6));
            case "none" -> {
                if (level != null && level != 0) {
                    throw ProblemException.invalid("compression.level", "compression none takes no level (or 0)");
                }
                yield new BackupOptions.Compression(algorithm, 0);
            }
            default -> throw ProblemException.invalid("compression.algorithm",
                    "compression algorithm must be zstd, gzip or none");
        };
    }

    private static int level(Integer level, int min, int max, int defaultLevel) {
        if (level == null) {
            return defaultLevel;
        }
        if (level < min || level > max) {
            throw ProblemException.invalid("compression.level",
                    "compression level must be between " + min + " and " + max);
        }
        return level;
    }
}
