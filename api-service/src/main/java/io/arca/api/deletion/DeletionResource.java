package io.arca.api.deletion;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.deletion.DeletionDtos.DeletionView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Delete jobs, to follow a deletion ({@code DELETE /api/v1/backups/{id}} answers with one). */
@Path("/api/v1/deletions")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Deletions", description = "Delete jobs of backups (user, retention, source deletion)")
public class DeletionResource {
    @Inject
    DeletionService service;

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a delete job", description = "State, phase, objects and references removed, error.")
    @APIResponse(responseCode = "404", description = "No such delete job in this tenant")
    public DeletionView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @GET
    @Operation(summary = "List delete jobs", description = "Newest first; filter by backup or source; cursor "
            + "pagination (pass nextCursor back as cursor).")
    public Page<DeletionView> list(@QueryParam("backupId") String backupId, @QueryParam("sourceId") String sourceId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return service.list(backupId, sourceId, limit, cursor);
    }
}
