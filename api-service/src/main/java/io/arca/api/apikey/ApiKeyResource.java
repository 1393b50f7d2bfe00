package io.arca.api.apikey;

import io.arca.api.apikey.ApiKeyDtos.ApiKeyView;
import io.arca.api.apikey.ApiKeyDtos.CreateApiKeyRequest;
import io.arca.api.apikey.ApiKeyDtos.CreatedApiKey;
import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
@Tag(name = "API keys", description = "Keys of the caller's tenant (admin only)")
public class ApiKeyResource {
    @Inject
    ApiKeyService service;

    @POST
    @Operation(summary = "Create an API key", description = "Returns the secret once; only its hash is stored.")
    @APIResponse(responseCode = "201", description = "Created; the secret is in the body")
    @APIResponse(responseCode = "400", description = "Invalid name or role")
    public Response create(CreateApiKeyRequest request) {
        CreatedApiKey created = service.create(request);
        return Response.created(URI.create("/api/v1/api-keys/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List API keys", description = "Newest first, without secrets; cursor pagination.")
    public Page<ApiKeyView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return service.list(limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an API key")
    @APIResponse(responseCode = "404", description = "No such key in this tenant")
    public ApiKeyView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "The key stops working immediately. Idempotent.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key in this tenant")
    @APIResponse(responseCode = "409", description = "The bootstrap key, or the tenant's last active admin key")
    public void revoke(@PathParam("id") UUID id) {
        service.revoke(id);
    }
}
