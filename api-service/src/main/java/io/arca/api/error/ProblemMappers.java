package io.arca.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.arca.common.job.IllegalJobStateTransitionException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one error path: every exception that leaves a resource becomes {@code application/problem+json}. Framework
 * exceptions (JSON parsing, bean validation, routing) are translated here too, so no client ever sees a stack
 * trace or a framework's own error format.
 */
public class ProblemMappers {
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.extensions().isEmpty()) {
            return respond(e.toProblem());
        }
        return Response.status(e.type().status()).type(Problem.MEDIA_TYPE).entity(e.body()).build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(JsonProblems.from(e));
    }

    /** Declared separately: Quarkus ships its own mapper for this type, which would win over the one above. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return respond(JsonProblems.from(e));
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream().findFirst().orElse(null);
        if (first == null) {
            return respond(Problem.of(ProblemType.VALIDATION_FAILED, "invalid request", null));
        }
        String path = first.getPropertyPath().toString();
        // method-parameter paths look like "create.request.name": keep what follows the parameter
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : path;
        return respond(Problem.of(ProblemType.VALIDATION_FAILED, field + ": " + first.getMessage(), field));
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalJobStateTransitionException e) {
        return respond(Problem.of(ProblemType.CONFLICT, e.getMessage(), "state"));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentUpdate(Exception e) {
        return respond(Problem.of(ProblemType.CONFLICT, "the object was changed concurrently; retry", null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(JsonProblems.from(json));
        }
        Problem problem;
        if (e instanceof NotFoundException) {
            problem = Problem.of(ProblemType.NOT_FOUND, "no such resource", null);
        } else if (e instanceof NotAllowedException) {
            problem = Problem.of(ProblemType.METHOD_NOT_ALLOWED, "method not allowed on this resource", null);
        } else if (e instanceof NotSupportedException) {
            problem = Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json", null);
        } else if (e instanceof NotAcceptableException) {
            problem = Problem.of(ProblemType.NOT_ACCEPTABLE, "this resource produces application/json", null);
        } else {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status == 413) {
                problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "request body exceeds the limit", null);
            } else if (status >= 500) {
                LOG.error("request failed", e);
                problem = Problem.of(ProblemType.INTERNAL, "internal error", null);
            } else {
                problem = new Problem(Problem.TYPE_PREFIX + ProblemType.BAD_REQUEST.slug(),
                        ProblemType.BAD_REQUEST.title(), status, "the request cannot be processed", null);
            }
        }
        return respond(problem);
    }

    /** Catch-all: the stack trace goes to the server log only. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        return respond(Problem.of(ProblemType.INTERNAL, "internal error; see the server log", null));
    }

    public static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            // every 503 here is a passing condition (object store down, download slots taken): try again soon
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
