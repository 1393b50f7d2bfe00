package io.arca.api.retention;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.retention.RetentionPolicy;
import io.arca.retention.RetentionScope;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The retention preview of a schedule's backups (the schedules resource owns the schedule itself). */
@Path("/api/v1/schedules/{id}/retention-preview")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Retention")
public class ScheduleRetentionResource {
    @Inject
    RetentionPreviewService previews;

    @GET
    @Operation(summary = "Preview a schedule's retention",
            description = "Each live backup of the schedule, newest first, with keep, delete or cleanup and the "
                    + "rules that keep it, as the scheduler's next evaluation would decide now. Deletes nothing.")
    @APIResponse(responseCode = "404", description = "No such schedule in this tenant")
    public RetentionDtos.PreviewView preview(@PathParam("id") UUID id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return previews.preview(RetentionScope.Kind.SCHEDULE, id, null, limit, cursor);
    }

    @POST
    @Operation(summary = "Preview a candidate policy for a schedule before saving it")
    @APIResponse(responseCode = "400", description = "Invalid policy; field names the rule")
    @APIResponse(responseCode = "404", description = "No such schedule in this tenant")
    public RetentionDtos.PreviewView previewCandidate(@PathParam("id") UUID id, RetentionPolicy policy,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return previews.preview(RetentionScope.Kind.SCHEDULE, id, RetentionPreviewService.required(policy), limit,
                cursor);
    }
}
