package io.arca.api.verify;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.cancel.JobCancelService;
import io.arca.api.verify.VerificationDtos.VerificationView;
import io.arca.jobs.JobTable;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/verifications")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Verifications", description = "Checking that stored backups are readable and restorable")
public class VerificationResource {
    @Inject
    JobCancelService cancels;
    @Inject
    VerificationService service;

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a verification", description = "State, progress, result and every problem found.")
    @APIResponse(responseCode = "404", description = "No such verification in this tenant")
    public VerificationView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Cancel a verification", description = "Stops it; the backup's verification result stays "
            + "as it was. Cancelling again is a no-op.")
    @APIResponse(responseCode = "200", description = "The verification, cancelled")
    @APIResponse(responseCode = "404", description = "No such verification in this tenant")
    @APIResponse(responseCode = "409", description = "job-finished: it already completed or failed")
    public VerificationView cancel(@PathParam("id") UUID id) {
        cancels.cancel(JobTable.VERIFICATIONS, "verification", id);
        return service.get(id);
    }
}
