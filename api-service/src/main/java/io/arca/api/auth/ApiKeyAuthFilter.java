package io.arca.api.auth;

import io.arca.api.apikey.ApiKey;
import io.arca.api.apikey.ApiKeyUsage;
import io.arca.api.download.DownloadResource;
import io.arca.api.error.Problem;
import io.arca.api.error.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API call by its {@code Authorization: Bearer <key>} header and checks the endpoint's
 * {@link Allowed} role. Runs after routing, on the endpoint's (virtual) thread, so the key lookup may block.
 * Nothing is cached: a revoked key stops working on the next request. The key's last use is recorded (at most once a
 * minute, see {@link ApiKeyUsage}) even when its role then turns out too low.
 */
public class ApiKeyAuthFilter {
    private static final String BEARER = "Bearer ";

    @Inject
    Caller caller;

    @Inject
    ApiKeyUsage usage;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        if (isDownloadThroughLink(request, method)) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return deny(ProblemType.UNAUTHORIZED, "send Authorization: Bearer <API key>");
        }
        String secret = header.substring(BEARER.length()).trim();
        Optional<ApiKey> key = secret.startsWith(ApiKeySecrets.PREFIX)
                ? ApiKey.findByHash(ApiKeySecrets.hash(secret))
                : Optional.empty();
        if (key.isEmpty() || key.get().isRevoked()) {
            return deny(ProblemType.UNAUTHORIZED, "unknown or revoked API key");
        }
        Role role = Role.fromWireName(key.get().role);
        caller.authenticate(key.get().tenantId, key.get().id, role, key.get().bootstrap);
        usage.recordUse(key.get().id);

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
