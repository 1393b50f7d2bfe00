package io.arca.api.console.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.console.ConsoleView;
import io.arca.api.console.SourceNames;
import io.arca.api.console.schedule.SchedulePreviews.Result;
import io.arca.api.error.ProblemException;
import io.arca.api.retention.RetentionDtos.PreviewView;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import io.arca.api.schedule.ScheduleQueries;
import io.arca.api.schedule.TimingPreviews.TimingQuery;
import io.arca.retention.RetentionPolicy;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Schedules: the list, the form (new and edit) with its next-run and retention previews, a schedule's page. */
@Path("/console/schedules")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
public class SchedulePages {
    /** A picker lists at most this many; more would be a search box (the API takes any source id). */
    static final int SOURCE_CHOICES = 1000;
    static final String PAGE_SIZE = "50";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ConsoleView console, List<ScheduleRow> rows, List<Option> sources,
                List<Option> enabled, String nextCursor, String sourceId, String enabledFilter);

        static native TemplateInstance page(ConsoleView console, ScheduleForm form, ScheduleRow row,
                FireTimes upcoming);

        static native TemplateInstance fireTimes(Result<FireTimes> result);

        static native TemplateInstance retention(Result<PreviewView> result, String zone);
    }

    @Inject
    ConsoleView console;
    @Inject
    ScheduleQueries schedules;
    @Inject
    SourceNames sourceNames;
    @Inject
    SchedulePreviews previews;
    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance list(@QueryParam("sourceId") String sourceId, @QueryParam("enabled") String enabled,
            @QueryParam("cursor") String cursor) {
        Map<UUID, String> names = sourceNames.byName(SOURCE_CHOICES);
        Page<ScheduleView> page = schedules.list(sourceId, enabled, PAGE_SIZE, cursor);
        List<ScheduleRow> rows = page.items().stream().map(s -> ScheduleRow.of(s, names)).toList();
        List<Option> sources = Option.sources(names, sourceId, "All sources");
        List<Option> enabledOptions = Option.of(enabled == null ? "" : enabled, "", "Enabled and disabled", "true",
                "Enabled", "false", "Disabled");
        return Templates.list(console, rows, sources, enabledOptions, page.nextCursor(), sourceId, enabled);
    }

    @GET
    @Path("/new")
    @Allowed(Role.OPERATOR)
    public TemplateInstance create(@QueryParam("sourceId") String sourceId) {
        return Templates.page(console, ScheduleForm.blank(sourceNames.byName(SOURCE_CHOICES), sourceId), null, null);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance page(@PathParam("id") UUID id) {
        ScheduleView s = schedules.get(id, "5");
        Map<UUID, String> names = sourceNames.byName(SOURCE_CHOICES);
        FireTimes upcoming = s.enabled() ? FireTimes.of(s.upcoming(), s.timeZone()) : null;
        return Templates.page(console, ScheduleForm.of(s, names, json), ScheduleRow.of(s, names), upcoming);
    }

    /** The next five fire times of the timing in the form (the body's field names as query parameters). */
    @GET
    @Path("/preview")
    public TemplateInstance fireTimes(@QueryParam("timing.cron") String cron,
            @QueryParam("timing.preset") String preset, @QueryParam("timing.minute") String minute,
            @QueryParam("timing.at") String at, @QueryParam("timing.day") String day,
            @QueryParam("timeZone") String timeZone) {
        return Templates.fireTimes(previews.fireTimes(new TimingQuery(cron, preset, minute, at, day, timeZone,
                null)));
    }

    /** What the retention policy in the form would keep of this schedule's backups now. */
    @GET
    @Path("/{id}/retention-preview")
    public TemplateInstance retention(@PathParam("id") UUID id,
            @QueryParam("retention.keepLast") String keepLast, @QueryParam("retention.keepHourly") String keepHourly,
            @QueryParam("retention.keepDaily") String keepDaily, @QueryParam("retention.keepWeekly") String keepWeekly,
            @QueryParam("retention.keepMonthly") String keepMonthly,
            @QueryParam("retention.keepYearly") String keepYearly,
            @QueryParam("retention.keepWithin") String keepWithin, @QueryParam("retention.minKeep") String minKeep) {
        Result<PreviewView> result;
        try {
            RetentionPolicy policy = SchedulePreviews.policy(keepLast, keepHourly, keepDaily, keepWeekly,
                    keepMonthly, keepYearly, keepWithin, minKeep);
            result = previews.retention(id, policy);
        } catch (ProblemException e) {
            result = Result.failed(e);
        }
        return Templates.retention(result, result.value() == null ? "UTC" : result.value().zone());
    }
}
