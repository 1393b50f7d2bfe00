package io.arca.api.verify;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.verify.VerificationDtos.VerificationView;
import io.arca.api.verify.VerificationDtos.VerifyRequest;
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
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Verifications")
public class BackupVerificationsResource {
    @Inject
    VerificationService service;

    @POST
    @Path("/verify")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Verify a backup", description = "Queues a verify job: every chunk is read, decrypted, "
            + "decompressed and checked (name, tag, entry hashes); deep also restores into a scratch database on "
            + "targetSourceId and compares every table. The result lands on the backup (verification, corrupted, "
            + "provenRestorableAt). While a verify of the backup is still to finish, that one is returned (200).")
    @APIResponse(responseCode = "202", description = "Accepted; Location points at the verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "200", description = "A verify of this backup is pending, queued or running: that one")
    @APIResponse(responseCode = "404", description = "No such backup, or target source, in this tenant")
    @APIResponse(responseCode = "409", description = "The backup is not completed")
    @APIResponse(responseCode = "422", description = "deep without targetSourceId, or targetSourceId without deep")
    public Response verify(@PathParam("id") UUID id, VerifyRequest request) {
        VerificationService.Accepted accepted = service.create(id, request);
        Response.ResponseBuilder response = accepted.created() ? Response.accepted(accepted.verification())
                : Response.ok(accepted.verification());
        return response.location(URI.create("/api/v1/verifications/" + accepted.verification().id())).build();
    }

    @GET
    @Path("/verifications")
    @Operation(summary = "List a backup's verifications", description = "Newest first; cursor pagination.")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    public Page<VerificationView> list(@PathParam("id") UUID id,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.listOfBackup(id, limit, cursor);
    }
}
