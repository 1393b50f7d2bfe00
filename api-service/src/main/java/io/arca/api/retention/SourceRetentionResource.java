package io.arca.api.retention;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.source.SourceDtos.SourceView;
import io.arca.retention.RetentionPolicy;
import io.arca.retention.RetentionScope;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A source's default retention policy (for its backups that no schedule made) and its preview. */
@Path("/api/v1/sources/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Retention")
public class SourceRetentionResource {
    @Inject
    SourceRetentionService service;

    @Inject
    RetentionPreviewService previews;

    @PUT
    @Path("/retention")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Set a source's default retention policy",
            description = "Governs the source's backups that no schedule made (API backups, a deleted schedule's), "
                    + "buckets read in UTC. A JSON null body removes it.")
    @APIResponse(responseCode = "200", description = "The source, with its retention")
    @APIResponse(responseCode = "400", description = "Invalid policy; field names the rule")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    public SourceView set(@PathParam("id") UUID id, RetentionPolicy policy) {
        return service.set(id, policy);
    }

    @DELETE
    @Path("/retention")
    @Allowed(Role.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove a source's default retention policy", description = "Its backups are all kept.")
    @APIResponse(responseCode = "200", description = "The source, without retention")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    public SourceView clear(@PathParam("id") UUID id) {
        return service.set(id, null);
    }

    @GET
    @Path("/retention-preview")
    @Operation(summary = "Preview the source's default retention",
            description = "Each live backup no schedule made, newest first, with keep, delete or cleanup and the "
                    + "rules that keep it. Deletes nothing.")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    public RetentionDtos.PreviewView preview(@PathParam("id") UUID id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return previews.preview(RetentionScope.Kind.SOURCE, id, null, limit, cursor);
    }

    @POST
    @Path("/retention-preview")
    @Operation(summary = "Preview a candidate default policy before saving it")
    @APIResponse(responseCode = "400", description = "Invalid policy; field names the rule")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    public RetentionDtos.PreviewView previewCandidate(@PathParam("id") UUID id, RetentionPolicy policy,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return previews.preview(RetentionScope.Kind.SOURCE, id, RetentionPreviewService.required(policy), limit,
                cursor);
    }
}
