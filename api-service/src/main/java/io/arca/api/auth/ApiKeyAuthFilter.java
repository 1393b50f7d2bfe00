package io.arca.api.auth;

import io.arca.api.apikey.ApiKey;
import io.arca.api.apikey.ApiKeyUsage;
import io.arca.api.console.ConsolePaths;
import io.arca.api.console.ConsoleView;
import io.arca.api.console.session.ConsolePublic;
import io.arca.api.console.session.ConsoleSessions;
import io.arca.api.console.session.SessionCookie;
import io.arca.api.console.session.SignedInSession;
import io.arca.api.download.DownloadResource;
import io.arca.api.error.Problem;
import io.arca.api.error.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API call by its {@code Authorization: Bearer <key>} header, or by a web console session's
 * cookie (then a mutating request must also send the session's CSRF token in {@code X-CSRF-Token}), and checks the
 * endpoint's {@link Allowed} role, for the JSON API and the console's pages alike. A console page without a session
 * redirects to the sign-in page. Runs after routing, on the endpoint's (virtual) thread, so the key lookup may block.
 * Nothing is cached: a revoked key stops working on the next request. The key's last use is recorded (at most once a
 * minute, see {@link ApiKeyUsage}) even when its role then turns out too low.
 */
public class ApiKeyAuthFilter {
    private static final String BEARER = "Bearer ";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Caller caller;

    @Inject
    ApiKeyUsage usage;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleView consoleView;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        String path = request.getUriInfo().getPath();
        boolean console = ConsolePaths.isConsole(path);
        if (method == null || !(path.startsWith("/api/") || console)) {
            return Optional.empty();
        }
        if (isDownloadThroughLink(request, method)
                || method.getDeclaringClass().isAnnotationPresent(ConsolePublic.class)) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(SessionCookie.SESSION);
        ApiKey key;
        if (header == null && cookie != null) {
            Optional<SignedInSession> session = sessions.find(cookie.getValue());
            if (session.isEmpty()) {
                return console ? toSignIn(request)
                        : deny(ProblemType.UNAUTHORIZED, "the console session expired or was signed out; sign in again");
            }
            if (!SAFE_METHODS.contains(request.getMethod())
                    && !session.get().csrfMatches(request.getHeaderString(SessionCookie.CSRF_HEADER))) {
                return deny(ProblemType.FORBIDDEN, "missing or wrong " + SessionCookie.CSRF_HEADER
                        + ": a console session's changes must come from its own pages");
            }
            key = session.get().key();
            consoleView.signedIn(session.get(), Role.fromWireName(key.role));
        } else if (console && header == null) {
            return toSignIn(request);
        } else {
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return deny(ProblemType.UNAUTHORIZED, "send Authorization: Bearer <API key>");
            }
            Optional<ApiKey> found = ApiKey.findActiveBySecret(header.substring(BEARER.length()).trim());
            if (found.isEmpty()) {
                return deny(ProblemType.UNAUTHORIZED, "unknown or revoked API key");
            }
            key = found.get();
        }
        Role role = Role.fromWireName(key.role);
        caller.authenticate(key.tenantId, key.id, role, key.bootstrap);
        usage.recordUse(key.id);

        Allowed allowed = method.getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            // fail closed: an endpoint that forgot to declare its role is admin-only
            allowed = AdminOnly.class.getAnnotation(Allowed.class);
        }
        if (!role.includes(allowed.value())) {
            return deny(ProblemType.FORBIDDEN,
                    "this operation needs role " + allowed.value().wireName() + " (key has " + role.wireName() + ")");
        }
        return Optional.empty();
    }

    /** A console page without a (valid) session: to the sign-in page, which comes back here afterwards. */
    private static Optional<Response> toSignIn(ContainerRequestContext request) {
        String next = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null) {
            next += "?" + query;
        }
        URI signIn = URI.create(ConsolePaths.SIGN_IN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return Optional.of(Response.seeOther(signIn).build());
    }

    /**
     * The one exemption: {@code GET/HEAD /api/v1/downloads/{token}}, whose signed token is the credential (checked by
     * the download service). Both the path and the resource must match, so no other endpoint can slip through.
     */
    private static boolean isDownloadThroughLink(ContainerRequestContext request, Method method) {
        return method.getDeclaringClass() == DownloadResource.class
                && request.getUriInfo().getPath().startsWith(DownloadResource.PATH + "/");
    }

    private static Optional<Response> deny(ProblemType type, String detail) {
        Problem problem = Problem.of(type, detail, null);
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (type == ProblemType.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"arca\"");
        }
        return Optional.of(response.build());
    }

    @Allowed(Role.ADMIN)
    private static final class AdminOnly {
    }
}
