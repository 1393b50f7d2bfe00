package io.arca.api.tenant;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.tenant.TenantDtos.CreateTenantRequest;
import io.arca.api.tenant.TenantDtos.CreatedTenant;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
@Tag(name = "Tenants", description = "Tenant creation (bootstrap key only)")
public class TenantResource {
    @Inject
    TenantService service;

    @POST
    @Operation(summary = "Create a tenant",
            description = "Only the bootstrap key may. Returns the tenant and its first admin key (secret shown once).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "403", description = "Not the bootstrap key")
    @APIResponse(responseCode = "409", description = "Name taken")
    public Response create(CreateTenantRequest request) {
        CreatedTenant created = service.create(request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}
