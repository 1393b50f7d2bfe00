package io.arca.api.backup;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.backup.BackupDtos.BackupRequest;
import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.cancel.JobCancelService;
import io.arca.api.common.Page;
import io.arca.api.deletion.DeletionDtos.DeletionView;
import io.arca.api.deletion.DeletionService;
import io.arca.api.events.JobWaits;
import io.arca.api.events.WaitFor;
import io.arca.api.job.IdempotencyKeys;
import io.arca.jobs.JobTable;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Backups", description = "Backup requests and their status")
public class BackupResource {
    @Inject
    JobCancelService cancels;
    public static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;

    @Inject
    BackupService service;
    @Inject
    JobWaits waits;
    @Inject
    DeletionService deletions;

    @POST
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Request a backup",
            description = "Validates the options, records the backup (pending) and its job message in one "
                    + "transaction. A retried request with the same Idempotency-Key returns the same backup.")
    @APIResponse(responseCode = "202", description = "Accepted; Location points at the backup",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackupView.class)))
    @APIResponse(responseCode = "400", description = "Invalid option or unknown source")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request")
    public Response create(
            @Parameter(description = "Makes retries safe: the same key returns the same backup",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255))
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            BackupRequest request) {
        BackupService.Accepted accepted = service.create(request, idempotencyKey);
        return Response.accepted(accepted.backup())
                .location(URI.create("/api/v1/backups/" + accepted.backup().id()))
                .header("Idempotent-Replayed", accepted.created() ? null : "true")
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a backup", description = "State, options, timestamps, progress and error. With waitFor, a long poll: answers as soon as the "
            + "backup is in one of the states, or after timeout with its state then (docs/events.md).")
    @APIResponse(responseCode = "400", description = "waitFor names an unknown state, or timeout is not 0-60 seconds "
            + "(validation-failed)")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    public BackupView get(@PathParam("id") UUID id,
            @Parameter(description = "long poll: job states, comma-separated, or terminal (completed, failed, "
                    + "cancelled)") @QueryParam("waitFor") String waitFor,
            @Parameter(description = "longest wait of a long poll: 30s or 30, at most 60 (default 30s)")
            @QueryParam("timeout") String timeout) {
        return waits.await(id, WaitFor.parse(waitFor, timeout), () -> service.get(id), BackupView::state);
    }

    @DELETE
    @Path("/{id}")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Delete a backup",
            description = "Records a delete job (202, the job; Location: /api/v1/deletions/{id}) and marks the backup "
                    + "deleting: from now on it cannot be restored, exported, verified or downloaded. The job waits "
                    + "for running readers, removes the manifest and the chunk references; the backup then stays as "
                    + "history with lifecycle deleted. Asking again while the job runs returns the same job.")
    @APIResponse(responseCode = "202", description = "The delete job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletionView.class)))
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "Pinned (backup-pinned), or its backup job has not ended "
            + "(unfinished-jobs)")
    @APIResponse(responseCode = "410", description = "Deleted already (backup-gone)")
    public Response delete(@PathParam("id") UUID id) {
        DeletionService.Accepted accepted = deletions.deleteBackup(id);
        return Response.accepted(accepted.deletion())
                .location(URI.create("/api/v1/deletions/" + accepted.deletion().id()))
                .header("Idempotent-Replayed", accepted.created() ? null : "true")
                .build();
    }

    @GET
    @Operation(summary = "List backups", description = "Newest first; filter by source, state, label, verified, "
            + "corrupted and lifecycle; cursor pagination (pass nextCursor back as cursor). Deleted backups stay as "
            + "history and are listed too unless lifecycle says otherwise.")
    public Page<BackupView> list(
            @QueryParam("sourceId") String sourceId,
            @Parameter(description = "pending, queued, running, completed, failed or cancelled")
            @QueryParam("state") String state,
            @Parameter(description = "key:value") @QueryParam("label") String label,
            @Parameter(description = "true: a verification finished; false: never verified")
            @QueryParam("verified") String verified,
            @Parameter(description = "true: a verification found it corrupted") @QueryParam("corrupted") String corrupted,
            @Parameter(description = "live, expiring, deleting or deleted") @QueryParam("lifecycle") String lifecycle,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(new BackupService.Filter(sourceId, state, label, verified, corrupted, lifecycle), limit,
                cursor);
    }

    @POST
    @Path("/{id}/cancel")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Cancel a backup", description = "A backup that has not finished stops (the worker at its "
            + "next heartbeat) and writes no manifest: it never becomes restorable. Cancelling again is a no-op.")
    @APIResponse(responseCode = "200", description = "The backup, cancelled")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "job-finished: it already completed or failed")
    public BackupView cancel(@PathParam("id") UUID id) {
        cancels.cancel(JobTable.BACKUPS, "backup", id);
        return service.get(id);
    }
}
