package io.arca.api.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type of Arca's error path: services throw it (or a factory below), {@link ProblemMappers}
 * turns it into {@code application/problem+json}. The message is the {@code detail} shown to the client, so it
 * must never contain a secret.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final String field;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail, String field) {
        this(type, detail, field, Map.of());
    }

    /**
     * @param extensions RFC 9457 extension members, written beside {@code type}, {@code detail} and the others (a
     *                   member may not reuse one of their names)
     */
    public ProblemException(ProblemType type, String detail, String field, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.field = field;
        this.extensions = Map.copyOf(extensions);
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

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The response body: the problem's members, then the extension members. */
    public Object body() {
        Problem problem = toProblem();
        if (extensions.isEmpty()) {
            return problem;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        extensions.forEach(body::putIfAbsent);
        return body;
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
