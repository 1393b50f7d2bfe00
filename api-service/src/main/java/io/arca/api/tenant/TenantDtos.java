package io.arca.api.tenant;

import io.arca.api.apikey.ApiKeyDtos.CreatedApiKey;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the tenant endpoints. */
public final class TenantDtos {
    private TenantDtos() {
    }

    @Schema(name = "CreateTenantRequest")
    public record CreateTenantRequest(
            @Schema(description = "Unique name: lower-case letters, digits and '-'", examples = "team-a") String name) {
    }

    @Schema(name = "Tenant")
    public record TenantView(UUID id, String name, Instant createdAt) {
    }

    @Schema(name = "CreatedTenant", description = "The new tenant and its first admin key (secret shown once)")
    public record CreatedTenant(TenantView tenant, CreatedApiKey adminKey) {
    }
}
