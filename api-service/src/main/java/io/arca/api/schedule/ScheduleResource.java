package io.arca.api.schedule;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.schedule.ScheduleDtos.LastRun;
import io.arca.api.schedule.ScheduleDtos.ScheduleRequest;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import io.arca.schedule.fire.ScheduleFires.Fire;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Schedules", description = "Backups on a timetable, with retention and restore drills")
public class ScheduleResource {
    @Inject
    ScheduleService service;
    @Inject
    ScheduleQueries queries;
    @Inject
    ScheduleRunner runner;

    @POST
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Create a schedule", description = "Validates the source, the backup options (as POST "
            + "/api/v1/backups), the timing and zone, the retention and drill policies; answers with nextRunAt.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries the version")
    @APIResponse(responseCode = "400", description = "invalid-cron, unknown-time-zone, invalid-timing or another "
            + "invalid field")
    @APIResponse(responseCode = "404", description = "The source (or the drill's target source) is not in this tenant")
    public Response create(ScheduleRequest request) {
        ScheduleView view = service.create(request);
        return Response.created(URI.create("/api/v1/schedules/" + view.id())).entity(view)
                .header("ETag", Versions.etag(view.version())).build();
    }

    @GET
    @Operation(summary = "List schedules", description = "Newest first; filter by source and enabled; cursor "
            + "pagination (pass nextCursor back as cursor).")
    public Page<ScheduleView> list(@QueryParam("sourceId") String sourceId,
            @Parameter(description = "true or false") @QueryParam("enabled") String enabled,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return queries.list(sourceId, enabled, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a schedule", description = "With nextRunAt, lastRun and, with ?upcoming=N, the next N "
            + "fire times.")
    public Response get(@PathParam("id") UUID id,
            @Parameter(description = "1-100: list the next N fire times") @QueryParam("upcoming") String upcoming) {
        return withEtag(queries.get(id, upcoming));
    }

    @PUT
    @Path("/{id}")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Replace a schedule", description = "The whole schedule, as on create; If-Match must carry "
            + "the current version (the ETag). enabled absent keeps it.")
    @APIResponse(responseCode = "412", description = "The schedule changed since that version")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            ScheduleRequest request) {
        return withEtag(service.update(id, ifMatch, request));
    }

    @DELETE
    @Path("/{id}")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Delete a schedule", description = "Its backups stay (their schedule id is cleared).")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/enable")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Enable a schedule", description = "The next fire (and drill) count from now.")
    public Response enable(@PathParam("id") UUID id) {
        return withEtag(service.setEnabled(id, true));
    }

    @POST
    @Path("/{id}/disable")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Disable a schedule", description = "No fires or drills until enabled again.")
    public Response disable(@PathParam("id") UUID id) {
        return withEtag(service.setEnabled(id, false));
    }

    @POST
    @Path("/{id}/run")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Run a schedule now", description = "A fire outside the timetable (trigger manual): a "
            + "backup with origin schedule, as a timetable fire creates it. Honours the overlap rule.")
    @APIResponse(responseCode = "202", description = "The fire; Location points at its backup")
    @APIResponse(responseCode = "409", description = "schedule-busy: overlap is skip and the previous backup is "
            + "unfinished (the skipped fire is recorded)")
    public Response run(@PathParam("id") UUID id) {
        Fire fire = runner.run(id);
        if (!fire.created()) {
            throw new ProblemException(ProblemType.SCHEDULE_BUSY, fire.reason(), null);
        }
        return Response.accepted(new LastRun(fire.fireTime(), fire.trigger(), "created", fire.reason(),
                        fire.backupId(), "pending"))
                .location(URI.create("/api/v1/backups/" + fire.backupId())).build();
    }

    private static Response withEtag(ScheduleView view) {
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }
}
