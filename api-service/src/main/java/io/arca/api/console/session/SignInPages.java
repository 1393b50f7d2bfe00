package io.arca.api.console.session;

import io.arca.api.console.ConsolePaths;
import io.arca.api.console.ConsoleView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Sign-in and sign-out: the only console pages without a session ({@link ConsolePublic}). The sign-in form carries a
 * one-time token that must match its HttpOnly, SameSite=Strict cookie (a page elsewhere cannot post it: login CSRF);
 * sign-out must present the session's CSRF token.
 */
@Path(ConsolePaths.ROOT)
@Produces(MediaType.TEXT_HTML)
@RunOnVirtualThread
@ConsolePublic
public class SignInPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(ConsoleView console, String formToken, String next, String error);
    }

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleConfig config;

    @Inject
    ConsoleView console;

    @Context
    UriInfo uri;

    @GET
    @Path("/sign-in")
    public Response form(@QueryParam("next") String next) {
        return form(Response.Status.OK, next, null);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("apiKey") String apiKey, @FormParam(SessionCookie.CSRF_FIELD) String formToken,
                           @FormParam("next") String next, @CookieParam(SessionCookie.SIGN_IN) String cookieToken) {
        if (!ConsoleSessions.sameToken(formToken, cookieToken)) {
            return form(Response.Status.FORBIDDEN, next,
                    "This sign-in form has expired or was not sent from this site. Try again.");
        }
        Optional<ConsoleSessions.Opened> opened = sessions.signIn(apiKey);
        if (opened.isEmpty()) {
            return form(Response.Status.UNAUTHORIZED, next, "Unknown or revoked API key.");
        }
        return Response.seeOther(URI.create(ConsolePaths.safeNext(next)))
                .cookie(SessionCookie.session(opened.get().token(), config.sessionTtl(), uri),
                        SessionCookie.cleared(SessionCookie.SIGN_IN, uri))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam(SessionCookie.CSRF_FIELD) String csrf,
                            @CookieParam(SessionCookie.SESSION) String token) {
        Optional<SignedInSession> session = sessions.find(token);
        if (session.isPresent()) {
            if (!session.get().csrfMatches(csrf)) {
                return form(Response.Status.FORBIDDEN, null, "Sign-out was not sent from this site's pages.");
            }
            sessions.signOut(session.get());
        }
        return Response.seeOther(URI.create(ConsolePaths.SIGN_IN))
                .cookie(SessionCookie.cleared(SessionCookie.SESSION, uri))
                .build();
    }

    private Response form(Response.Status status, String next, String error) {
        String formToken = ConsoleSessions.randomToken();
        return Response.status(status)
                .entity(Templates.signIn(console, formToken, ConsolePaths.safeNext(next), error))
                .cookie(SessionCookie.signInToken(formToken, uri))
                .build();
    }
}
