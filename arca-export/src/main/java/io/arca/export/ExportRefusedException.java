package io.arca.export;

/**
 * The request cannot be rendered from this backup, for a reason the caller can fix (patterns that match no table,
 * csv of a schema-only backup, a compression the format does not take). {@code code} is stable (problem type).
 */
public class ExportRefusedException extends RuntimeException {
    private final String code;

    public ExportRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
