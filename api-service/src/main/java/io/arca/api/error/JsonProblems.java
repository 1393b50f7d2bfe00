package io.arca.api.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into a problem. The detail is composed here, never copied from Jackson's message:
 * Jackson quotes the offending input, and that input may be a password.
 */
final class JsonProblems {
    private static final String UNRECOGNIZED = "Unrecognized field \"";
    /** Jackson's message when {@code STRICT_DUPLICATE_DETECTION} finds a name twice in one object. */
    private static final String DUPLICATE = "Duplicate field '";
    private JsonProblems() {
    }

    static Problem from(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problem.of(ProblemType.UNKNOWN_FIELD, "unknown field '" + field + "'", field);
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException
                || e instanceof ValueInstantiationException) {
            JsonMappingException mapping = (JsonMappingException) e;
            String field = path(mapping);
            String expected = expectedType(mapping);
            String detail = field.isEmpty()
                    ? "request body has the wrong shape" + expected
                    : "field '" + field + "' has the wrong type" + expected;
            return Problem.of(ProblemType.INVALID_TYPE, detail, field.isEmpty() ? null : field);
        }
        if (e instanceof JsonMappingException mapping && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith(UNRECOGNIZED)) {
            // Quarkus' reader reports unknown fields as a plain JsonMappingException: 'Unrecognized field "x"'
            String name = e.getOriginalMessage().substring(UNRECOGNIZED.length()).replaceFirst("\"$", "");
            String at = path(mapping);
            String field = at.equals(name) || at.endsWith("." + name) ? at : (at.isEmpty() ? name : at + "." + name);
            return Problem.of(ProblemType.UNKNOWN_FIELD, "unknown field '" + field + "'", field);
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(DUPLICATE)) {
            String field = duplicatePath(e);
            return Problem.of(ProblemType.DUPLICATE_FIELD, "field '" + field + "' is given more than once", field);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return Problem.of(ProblemType.MALFORMED_JSON, "request body is not valid JSON" + where, null);
    }

    /** The parser stopped on the second occurrence, so its context already names the field. */
    private static String duplicatePath(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String path = path(parser.getParsingContext());
            if (!path.isEmpty()) {
                return path;
            }
        }
        return e.getOriginalMessage().substring(DUPLICATE.length()).replaceFirst("'$", "");
    }

    private static String expectedType(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            String name;
            if (Number.class.isAssignableFrom(target) || target == int.class || target == long.class) {
                name = "a number";
            } else if (target == Boolean.class || target == boolean.class) {
                name = "a boolean";
            } else if (target == String.class) {
                name = "a string";
            } else if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
                name = "an array";
            } else if (java.util.Map.class.isAssignableFrom(target) || target.isRecord()) {
                name = "an object";
            } else {
                name = "a " + target.getSimpleName();
            }
            return " (expected " + name + ")";
        }
        return "";
    }

    /**
     * JSON path of the failure, e.g. {@code compression.level} or {@code tables.include[0]}: Jackson's reference
     * chain, or else the parser's position when the exception still has its parser.
     */
    static String path(JsonMappingException e) {
        String fromReferences = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        if (fromReferences.isEmpty() && e.getProcessor() instanceof JsonParser parser
                && parser.getParsingContext() != null) {
            return path(parser.getParsingContext());
        }
        return fromReferences;
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            if (level.inObject() && level.getCurrentName() != null) {
                parts.addFirst("." + level.getCurrentName());
            } else if (level.inArray() && level.getCurrentIndex() >= 0) {
                parts.addFirst("[" + level.getCurrentIndex() + "]");
            }
        }
        return String.join("", parts).replaceFirst("^\\.", "");
    }
}
