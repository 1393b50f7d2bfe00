package io.arca.api.source;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.source.SourceDtos.SourceCheck;
import io.arca.api.source.SourceDtos.SourceRequest;
import io.arca.api.source.SourceDtos.SourceView;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Sources", description = "PostgreSQL databases to back up")
public class SourceResource {
    private static final String DESTINATION_REFUSED = "source-destination-not-allowed: the host resolves into a network arca.sources.destinations denies, or is the catalog's own server";
    @Inject
    SourceService service;

    @Inject
    SourceChecker checker;

    @POST
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Create a source", description = "The password is encrypted at rest and never returned.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "409", description = "Name taken in this tenant")
    @APIResponse(responseCode = "422", description = DESTINATION_REFUSED)
    public Response create(SourceRequest request) {
        SourceView created = service.create(request);
        return Response.created(URI.create("/api/v1/sources/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List sources", description = "Newest first; cursor pagination.")
    public Page<SourceView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return service.list(limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a source")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    public SourceView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Path("/{id}")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Replace a source", description = "Omit password to keep the stored one.")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    @APIResponse(responseCode = "422", description = DESTINATION_REFUSED)
    public SourceView update(@PathParam("id") UUID id, SourceRequest request) {
        return service.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Delete a source", description = "Without deleteBackups, refused (409 source-has-backups, "
            + "with the count) while backups of it exist. With deleteBackups=true, every live backup gets a delete job "
            + "(reason source-deleted; follow them at /api/v1/deletions?sourceId=...), the source's schedules are "
            + "deleted, and the source answers 404 from now on (kept as the history of its backups; its name is free "
            + "again). Refused (409 unfinished-jobs) while a backup, restore, export or verification of it runs, and "
            + "(409 backup-pinned) while a backup of it is pinned.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    @APIResponse(responseCode = "409", description = "Backups, pinned backups or unfinished jobs")
    public void delete(@PathParam("id") UUID id, @QueryParam("deleteBackups") String deleteBackups) {
        service.delete(id, Boolean.TRUE.equals(QueryParams.optionalBoolean(deleteBackups, "deleteBackups")));
    }

    @POST
    @Path("/{id}/check")
    @Allowed(Role.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Check a source",
            description = "Connects and returns the server version and database size, or why it could not "
                    + "(unreachable, timeout, auth-failed, database-missing, ssl-error, permission-denied).")
    @APIResponse(responseCode = "200", description = "Check ran; see ok and reason")
    @APIResponse(responseCode = "404", description = "No such source in this tenant")
    @APIResponse(responseCode = "422", description = DESTINATION_REFUSED)
    public SourceCheck check(@PathParam("id") UUID id) {
        return checker.check(service.find(id));
    }
}
