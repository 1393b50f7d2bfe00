package io.arca.api.events;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Caller;
import io.arca.api.auth.Role;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The live event stream (Server-Sent Events) of the caller's tenant. The request's virtual thread writes the stream
 * for as long as the client stays: blocking there holds no platform thread.
 */
@Path("/api/v1/events")
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Events", description = "The live event stream")
public class EventStreamResource {
    @Inject
    Caller caller;
    @Inject
    EventStreams streams;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow the tenant's events",
            description = "Server-Sent Events: id = the event's sequence number, event = its type, data = the event "
                    + "envelope (docs/events.md). Last-Event-ID (header, or lastEventId) resumes after that event: every "
                    + "later event within the retention window, in order, once; an event named reset comes first when "
                    + "older events were pruned. A comment line every 15 s keeps an idle stream open. A client that "
                    + "reads too slowly is disconnected and resumes with Last-Event-ID.")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "400", description = "Malformed sourceId, jobId or Last-Event-ID (validation-failed)")
    @APIResponse(responseCode = "422", description = "Unknown event type in types (unknown-event-type)")
    @Parameter(name = "types", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING),
            description = "comma list of types or families: backup.failed, backup.*, * (default every type)")
    public void stream(
            @Parameter(description = "only events about this source") @QueryParam("sourceId") String sourceId,
            @Parameter(description = "only events of this job (a backup's, restore's, ... id)")
            @QueryParam("jobId") String jobId,
            @Context UriInfo uri,
            @Parameter(description = "resume after this event id (when the Last-Event-ID header cannot be set)")
            @QueryParam("lastEventId") String lastEventId,
            @HeaderParam(StreamRequests.LAST_EVENT_ID_HEADER) String lastEventIdHeader,
            @Context SseEventSink sink,
            @Context Sse sse) {
        // the raw values: an empty types= must be refused, not read as "no filter"
        List<String> rawTypes = uri.getQueryParameters().get("types");
        StreamFilter filter = StreamRequests.filter(caller.tenantId(), sourceId, jobId, rawTypes);
        Long resumeAfter = StreamRequests.lastEventId(lastEventIdHeader, lastEventId);
        streams.follow(sink, sse, filter, resumeAfter);
    }
}
