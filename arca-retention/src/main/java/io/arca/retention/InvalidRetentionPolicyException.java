package io.arca.retention;

/** A retention policy that cannot be applied; {@link #field()} names the offending field (e.g. {@code keepDaily}). */
public class InvalidRetentionPolicyException extends IllegalArgumentException {
    private final String field;

    public InvalidRetentionPolicyException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
