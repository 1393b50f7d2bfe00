package io.arca.api.download;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.download.DownloadLinkDtos.LinkRequest;
import io.arca.api.download.DownloadLinkDtos.LinkView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups/{id}/download-links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.OPERATOR)
@RunOnVirtualThread
@Tag(name = "Downloads", description = "Signed links that stream a backup as SQL, CSV, JSON Lines or its archive")
public class DownloadLinkResource {

    @Inject
    DownloadLinkService service;

    @POST
    @Operation(summary = "Create a download link",
            description = "Checks the options against the backup and returns a signed URL that anyone holding it "
                    + "can GET without an API key until it expires (default 15 minutes, at most 7 days) or the "
                    + "backup's links are revoked.")
    @APIResponse(responseCode = "201", description = "The link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "Backup not completed, corrupted (without force), or "
            + "schema-only asked as csv/json")
    @APIResponse(responseCode = "422", description = "Invalid option (the field says which) or patterns that "
            + "match no table")
    public Response create(@PathParam("id") UUID id, LinkRequest request, @Context UriInfo uri) {
        return Response.status(Response.Status.CREATED).entity(service.create(id, request, uri.getBaseUri())).build();
    }

    @DELETE
    @Operation(summary = "Revoke the backup's download links",
            description = "Every link of this backup issued until now stops working (403); new links work.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    public Response revoke(@PathParam("id") UUID id) {
        service.revokeAll(id);
        return Response.noContent().build();
    }
}
