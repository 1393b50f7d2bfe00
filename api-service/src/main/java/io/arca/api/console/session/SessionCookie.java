package io.arca.api.console.session;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;

/**
 * The console's cookies: the session ({@value #SESSION}, path {@code /} because the pages' scripts call
 * {@code /api/v1}) and the sign-in form's one-time token ({@value #SIGN_IN}, double-submitted with the form). Both are
 * HttpOnly and SameSite=Strict (a cross-site request never carries them), and Secure when the request came over TLS.
 */
public final class SessionCookie {
    public static final String SESSION = "arca_session";
    public static final String SIGN_IN = "arca_sign_in";
    /** The header every mutating API call of a console session sends its CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The form field plain console forms (sign-out) send it in. */
    public static final String CSRF_FIELD = "_csrf";

    private SessionCookie() {
    }

    public static NewCookie session(String token, Duration ttl, UriInfo uri) {
        return cookie(SESSION, token, "/", (int) ttl.toSeconds(), uri);
    }

    public static NewCookie signInToken(String token, UriInfo uri) {
        return cookie(SIGN_IN, token, "/console", (int) Duration.ofHours(1).toSeconds(), uri);
    }

    /** Tells the browser to forget a cookie. */
    public static NewCookie cleared(String name, UriInfo uri) {
        return cookie(name, "", SESSION.equals(name) ? "/" : "/console", 0, uri);
    }

    private static NewCookie cookie(String name, String value, String path, int maxAgeSeconds, UriInfo uri) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getRequestUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
