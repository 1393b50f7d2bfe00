package io.arca.api.error;

/**
 * The one exception type of Arca's error path: services throw it (or a factory below), {@link ProblemMappers}
 * turns it into {@code application/problem+json}. The message is the {@code detail} shown to the client, so it
 * must never contain a secret.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final String field;

    public ProblemException(ProblemType type, String detail, String field) {
        super(detail, null, false, false);
        this.type = type;
        this.field = field;
    }

    public ProblemType type() {
        return type;
    }

    public String field() {
        return field;
    }

    public Problem toProblem() {
        return Problem.of(type, getMessage(), field);
    }

    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, field);
    }

    /** Unknown id, or an object of another tenant: both answer the same 404 so existence is not revealed. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " not found", null);
    }

    public static ProblemException conflict(String detail, String field) {
        return new ProblemException(ProblemType.CONFLICT, detail, field);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail, null);
    }
}
