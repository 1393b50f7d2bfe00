package io.arca.api.gc;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.gc.GcDtos.GcRequest;
import io.arca.api.gc.GcDtos.GcRunView;
import io.arca.api.gc.GcDtos.GcRunsView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/gc")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
@Tag(name = "Garbage collection", description = "Chunk garbage collection runs (bootstrap key only)")
public class GcResource {
    @Inject
    GcService service;

    @POST
    @Operation(summary = "Run garbage collection",
            description = "Records a gc run for the tenant given, or for every tenant that has chunks; a tenant whose "
                    + "run has not finished gets that run back. A run deletes chunks no backup references that are "
                    + "older than the grace period, and adopts unknown objects for a later run.")
    @APIResponse(responseCode = "202", description = "The runs")
    @APIResponse(responseCode = "400", description = "Invalid gracePeriod")
    @APIResponse(responseCode = "403", description = "Not the bootstrap key")
    @APIResponse(responseCode = "404", description = "No such tenant")
    public Response run(GcRequest request) {
        return Response.accepted(new GcRunsView(service.request(request))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a gc run", description = "State, phase, chunks scanned and deleted, bytes freed, "
            + "orphans adopted.")
    @APIResponse(responseCode = "404", description = "No such run")
    public GcRunView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @GET
    @Operation(summary = "List gc runs", description = "Newest first; filter by tenant; cursor pagination.")
    public Page<GcRunView> list(@QueryParam("tenantId") String tenantId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(tenantId, limit, cursor);
    }
}
