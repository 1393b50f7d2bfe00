package io.arca.api.console.session;

import io.arca.api.apikey.ApiKey;

/** An active console session and the API key it acts as (both checked on this request). */
public record SignedInSession(ConsoleSession session, ApiKey key) {

    /** Constant-time comparison with the session's CSRF token; false for null. */
    public boolean csrfMatches(String presented) {
        return ConsoleSessions.sameToken(presented, session.csrfToken);
    }
}
