package io.arca.api.download;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.export.ExportCompression;
import io.arca.export.ExportFormat;
import io.arca.export.ExportRefusedException;
import io.arca.export.ExportRequest;
import java.util.List;

/** {@link ExportRequest}'s verdicts as problems, with the request field to blame. */
final class ExportRefusals {
    private ExportRefusals() {
    }

    static ExportRequest parse(String format, String compression, List<String> tables) {
        try {
            return ExportRequest.parse(format, compression, tables);
        } catch (ExportRefusedException e) {
            throw problem(e, field(format, compression, e));
        }
    }

    static void check(ExportRequest request, String backupType, List<String[]> tables) {
        try {
            request.checkAgainst(backupType, tables);
        } catch (ExportRefusedException e) {
            throw problem(e, "backup-has-no-data".equals(e.code()) ? "format" : "tables");
        }
    }

    static ProblemException problem(ExportRefusedException e, String field) {
        ProblemType type = switch (e.code()) {
            case "tables-match-nothing" -> ProblemType.TABLES_MATCH_NOTHING;
            case "backup-has-no-data" -> ProblemType.BACKUP_HAS_NO_DATA;
            default -> ProblemType.INVALID_EXPORT_OPTION;
        };
        return new ProblemException(type, e.getMessage(), field);
    }

    /**
     * The field an invalid option is about. {@code parse} checks the format first, then the compression, then the
     * tables, then combinations (which the compression, being the changeable part, is blamed for, except for
     * tables of an archive).
     */
    private static String field(String format, String compression, ExportRefusedException e) {
        if (format == null || !isFormat(format)) {
            return "format";
        }
        if (compression != null && !isCompression(compression)) {
            return "compression";
        }
        return e.getMessage().contains("tables") ? "tables" : "compression";
    }

    private static boolean isFormat(String value) {
        try {
            ExportFormat.fromWireName(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCompression(String value) {
        try {
            ExportCompression.fromWireName(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
