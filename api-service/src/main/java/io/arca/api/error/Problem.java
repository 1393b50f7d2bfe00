package io.arca.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, the body of every error response ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "Every error: a stable type URI, a human detail and, when one is to blame, the field")
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://arca.dev/problems/";

    public static Problem of(ProblemType type, String detail, String field) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, field);
    }
}
