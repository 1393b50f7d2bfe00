package io.arca.api.tenant;

import io.arca.api.apikey.ApiKeyDtos.CreatedApiKey;
import io.arca.api.apikey.ApiKeyService;
import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.auth.Role;
import io.arca.api.error.ProblemException;
import io.arca.api.tenant.TenantDtos.CreateTenantRequest;
import io.arca.api.tenant.TenantDtos.CreatedTenant;
import io.arca.api.tenant.TenantDtos.TenantView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates tenants: only the bootstrap key may. */
@ApplicationScoped
public class TenantService {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Inject
    Caller caller;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    AuditLog audit;

    @Transactional
    public CreatedTenant create(CreateTenantRequest request) {
        caller.requireBootstrap("only the bootstrap key may create tenants");
        String name = request == null ? null : request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name", "name is 1-63 lower-case letters, digits or '-'");
        }
        if (Tenant.findByName(name).isPresent()) {
            throw ProblemException.conflict("a tenant named " + name + " exists", "name");
        }
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = name;
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tenant.persist();
        CreatedApiKey admin = apiKeys.issue(tenant.id, "admin", Role.ADMIN);
        audit.record(tenant.id, "tenant.create", "tenant", tenant.id);
        audit.record(tenant.id, "api-key.create", "api-key", admin.id());
        return new CreatedTenant(new TenantView(tenant.id, tenant.name, tenant.createdAt), admin);
    }
}
