package io.arca.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;

/**
 * The API answered with an error: its {@code application/problem+json} (type, title, detail) as the message, the
 * exit code from the status ({@link ExitCode#ofStatus}). {@link #problem()} keeps the whole body (e.g. the
 * {@code wouldOverwrite} list of a refused restore) for commands that show more.
 */
public class ApiProblemException extends CliException {
    private final int status;
    private final JsonNode problem;

    public ApiProblemException(int status, JsonNode problem, String message) {
        super(ExitCode.ofStatus(status), message);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    /** The problem document; an empty object when the answer was not JSON. */
    public JsonNode problem() {
        return problem;
    }

    /** The problem's type without the URI prefix ({@code data-loss-unconfirmed}), or "" when there is none. */
    public String type() {
        String type = problem.path("type").asText("");
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
