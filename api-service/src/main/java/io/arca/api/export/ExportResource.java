package io.arca.api.export;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.export.ExportDtos.ExportView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/exports")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Exports", description = "A backup rendered as one file in the bucket, downloaded by a presigned URL")
public class ExportResource {
    @Inject
    ExportService service;

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an export", description = "State and progress; once completed the file's name, size, "
            + "SHA-256 and a presigned object-store URL that downloads it without credentials (never valid past "
            + "the export's expiry).")
    @APIResponse(responseCode = "404", description = "No such export in this tenant")
    @APIResponse(responseCode = "410", description = "The export expired or was deleted; its file is gone")
    @APIResponse(responseCode = "422", description = "expiresInSeconds outside 1-604800")
    public ExportView get(@PathParam("id") UUID id,
            @Parameter(description = "validity of the URL in seconds, 1-604800 (7 days), default 900")
            @QueryParam("expiresInSeconds") String expiresInSeconds) {
        return service.get(id, expiresInSeconds);
    }

    @GET
    @Operation(summary = "List exports", description = "Newest first, filtered by backup and state; cursor "
            + "pagination. Items carry no URL: get one export for it.")
    public Page<ExportView> list(
            @QueryParam("backupId") String backupId,
            @Parameter(description = "pending, queued, running, completed, failed or cancelled")
            @QueryParam("state") String state,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(backupId, state, limit, cursor);
    }

    @DELETE
    @Path("/{id}")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Delete an export", description = "Expires it now: the scheduler deletes its file, GET "
            + "answers 410 from now on, and an export still running is cancelled. Deleting again changes nothing.")
    @APIResponse(responseCode = "202", description = "Expired; the file is deleted shortly")
    @APIResponse(responseCode = "404", description = "No such export in this tenant")
    public Response delete(@PathParam("id") UUID id) {
        return Response.accepted(service.delete(id)).build();
    }
}
