package io.arca.api.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into a problem. The detail is composed here, never copied from Jackson's message:
 * Jackson quotes the offending input, and that input may be a password.
 */
final class JsonProblems {
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
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return Problem.of(ProblemType.MALFORMED_JSON, "request body is not valid JSON" + where, null);
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

    /** JSON path of the failure, e.g. {@code compression.level} or {@code tables.include[0]}. */
    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
