package io.arca.api.restore;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.cancel.JobCancelService;
import io.arca.api.common.Page;
import io.arca.api.events.JobWaits;
import io.arca.api.events.WaitFor;
import io.arca.api.job.IdempotencyKeys;
import io.arca.api.restore.RestoreDtos.RestoreRequest;
import io.arca.api.restore.RestoreDtos.RestoreView;
import io.arca.jobs.JobTable;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/restores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Restores", description = "Restoring a backup into a database")
public class RestoreResource {
    @Inject
    JobCancelService cancels;
    @Inject
    RestoreService service;
    @Inject
    JobWaits waits;

    @POST
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Restore a backup",
            description = "Restores a completed backup into target.database on the server of target.sourceId, new "
                    + "(created) or existing: all of it or the selected tables, schema and/or rows, or a merge of "
                    + "rows by primary key. dryRun changes nothing and completes with a preview. A restore that "
                    + "would overwrite or drop data the target holds now needs confirmDataLoss: true; it then "
                    + "records a safety backup of that data first (safetyBackupId) unless safetyBackup: false.")
    @APIResponse(responseCode = "202", description = "Accepted; Location points at the restore",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type, invalid target "
            + "database name, or unknown target source")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "Backup not completed; target is Arca's catalog database, or "
            + "the backed-up database without dropExisting, dataOnly or merge (compared by server identity); "
            + "data-loss-unconfirmed: the restore would overwrite data (the problem's wouldOverwrite lists the "
            + "database, schemas and tables with their rows and bytes now); target-not-inspectable: it may overwrite "
            + "data and the target cannot be reached to check")
    @APIResponse(responseCode = "422", description = "invalid-restore-option (contradicting or out-of-range "
            + "options, invalid table patterns), tables-match-nothing (unmatchedPatterns names them), or "
            + "Idempotency-Key reused with a different request")
    public Response create(
            @Parameter(description = "Makes retries safe: the same key returns the same restore",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255))
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            RestoreRequest request) {
        RestoreService.Accepted accepted = service.create(request, idempotencyKey);
        return Response.accepted(accepted.restore())
                .location(URI.create("/api/v1/restores/" + accepted.restore().id()))
                .header("Idempotent-Replayed", accepted.created() ? null : "true")
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a restore", description = "State, target, progress and error. With waitFor, a long poll: answers as soon as the "
            + "restore is in one of the states, or after timeout with its state then (docs/events.md).")
    @APIResponse(responseCode = "400", description = "waitFor names an unknown state, or timeout is not 0-60 seconds "
            + "(validation-failed)")
    @APIResponse(responseCode = "404", description = "No such restore in this tenant")
    public RestoreView get(@PathParam("id") UUID id,
            @Parameter(description = "long poll: job states, comma-separated, or terminal (completed, failed, "
                    + "cancelled)") @QueryParam("waitFor") String waitFor,
            @Parameter(description = "longest wait of a long poll: 30s or 30, at most 60 (default 30s)")
            @QueryParam("timeout") String timeout) {
        return waits.await(id, WaitFor.parse(waitFor, timeout), () -> service.get(id), RestoreView::state);
    }

    @GET
    @Operation(summary = "List restores", description = "Newest first, optionally of one backup; cursor pagination.")
    public Page<RestoreView> list(
            @Parameter(description = "only restores of this backup") @QueryParam("backupId") String backupId,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(backupId, limit, cursor);
    }

    @POST
    @Path("/{id}/cancel")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Cancel a restore", description = "A restore that has not finished stops at the worker's "
            + "next heartbeat. Into a database that existed the restore is one transaction, rolled back; into a new "
            + "database what was loaded stays. Cancelling again is a no-op.")
    @APIResponse(responseCode = "200", description = "The restore, cancelled")
    @APIResponse(responseCode = "404", description = "No such restore in this tenant")
    @APIResponse(responseCode = "409", description = "job-finished: it already completed or failed")
    public RestoreView cancel(@PathParam("id") UUID id) {
        cancels.cancel(JobTable.RESTORES, "restore", id);
        return service.get(id);
    }
}
