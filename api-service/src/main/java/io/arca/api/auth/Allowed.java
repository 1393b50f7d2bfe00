package io.arca.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The lowest role that may call an endpoint (on the method, or the class as default). Every {@code /api}
 * endpoint needs one: {@link ApiKeyAuthFilter} refuses endpoints without it (fail closed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    Role value();
}
