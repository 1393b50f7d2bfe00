package io.arca.api.retention;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.backup.BackupDtos.BackupView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.OPERATOR)
@RunOnVirtualThread
@Tag(name = "Retention", description = "Pins, source default policies and retention previews")
public class PinResource {
    @Inject
    PinService service;

    @POST
    @Path("/pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pin a backup", description = "A pinned backup never expires and cannot be deleted; it "
            + "takes no part in its policy's rules. Pinning again replaces the reason.")
    @APIResponse(responseCode = "200", description = "The backup, with its pin")
    @APIResponse(responseCode = "400", description = "reason missing, blank or longer than 500 characters")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "The backup is expiring, deleting or deleted, or failed")
    public BackupView pin(@PathParam("id") UUID id, RetentionDtos.PinRequest request) {
        return service.pin(id, request);
    }

    @POST
    @Path("/unpin")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unpin a backup", description = "Its policy judges it again at the next evaluation. "
            + "Unpinning a backup that is not pinned changes nothing.")
    @APIResponse(responseCode = "200", description = "The backup, without a pin")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    public BackupView unpin(@PathParam("id") UUID id) {
        return service.unpin(id);
    }
}
