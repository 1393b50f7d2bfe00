package io.arca.api.auth;

import io.arca.api.error.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * Who is calling: the API key's tenant, id and role, set by {@link ApiKeyAuthFilter} for this request only.
 * Services read the tenant from here, never from the request, so every query is scoped to the caller's tenant.
 */
@RequestScoped
public class Caller {
    private UUID tenantId;
    private UUID keyId;
    private Role role;
    private boolean bootstrap;

    void authenticate(UUID tenantId, UUID keyId, Role role, boolean bootstrap) {
        this.tenantId = tenantId;
        this.keyId = keyId;
        this.role = role;
        this.bootstrap = bootstrap;
    }

    public UUID tenantId() {
        requireAuthenticated();
        return tenantId;
    }

    public UUID keyId() {
        requireAuthenticated();
        return keyId;
    }

    public Role role() {
        requireAuthenticated();
        return role;
    }

    /** True for the bootstrap key from configuration, the only key that may create tenants. */
    public boolean isBootstrap() {
        requireAuthenticated();
        return bootstrap;
    }

    /**
     * For what only the deployment's operator may do (tenants, garbage collection, the master key: they span every
     * tenant): 403 with {@code detail} for any other key.
     */
    public void requireBootstrap(String detail) {
        if (!isBootstrap()) {
            throw ProblemException.forbidden(detail);
        }
    }

    private void requireAuthenticated() {
        if (tenantId == null) {
            throw ProblemException.unauthorized("no API key");
        }
    }
}
