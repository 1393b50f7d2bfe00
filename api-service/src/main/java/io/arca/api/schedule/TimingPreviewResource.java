package io.arca.api.schedule;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.schedule.TimingPreviews.TimingPreview;
import io.arca.api.schedule.TimingPreviews.TimingQuery;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Previews a timing before a schedule is saved with it. */
@Path("/api/v1/schedule-timings/preview")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Schedules")
public class TimingPreviewResource {
    @Inject
    TimingPreviews previews;

    @GET
    @Operation(summary = "Preview a timing", description = "The next fire times of a timing in a zone, as a "
            + "schedule with it would fire: either cron, or preset with its minute, at or day (the schedule body's "
            + "timing fields as query parameters).")
    @APIResponse(responseCode = "400", description = "invalid-cron, unknown-time-zone or invalid-timing, naming the "
            + "field as a schedule's body would")
    public TimingPreview preview(
            @Parameter(description = "A 5-field cron expression", example = "30 2 * * *") @QueryParam("cron")
            String cron,
            @Parameter(description = "hourly, daily, weekly or monthly") @QueryParam("preset") String preset,
            @Parameter(description = "hourly: 0-59") @QueryParam("minute") String minute,
            @Parameter(description = "daily, weekly, monthly: HH:MM") @QueryParam("at") String at,
            @Parameter(description = "weekly: monday ... sunday; monthly: 1-31") @QueryParam("day") String day,
            @Parameter(description = "IANA zone, default UTC") @QueryParam("timeZone") String timeZone,
            @Parameter(description = "1-100, default 5") @QueryParam("count") String count) {
        return previews.preview(new TimingQuery(cron, preset, minute, at, day, timeZone, count), Instant.now());
    }
}
