package io.arca.api.console.source;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.backup.BackupService;
import io.arca.api.common.Page;
import io.arca.api.console.ConsoleView;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import io.arca.api.schedule.ScheduleQueries;
import io.arca.api.source.SourceDtos.SourceView;
import io.arca.api.source.SourceService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The source pages: register one, and one source with its recovery point, timeline, schedules and "back up now". */
@Path("/console/sources")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
public class SourcePages {
    /** The chart shows this many newest backups (one page of the list query). */
    static final String TIMELINE_BACKUPS = "50";
    /** The list under the chart shows this many; the rest are one link away. */
    static final int NEWEST_LISTED = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance register(ConsoleView console);

        static native TemplateInstance page(ConsoleView console, SourceView source, BackupTimeline timeline,
                                            List<BackupView> newest, boolean moreBackups,
                                            List<ScheduleView> schedules);
    }

    @Inject
    ConsoleView console;
    @Inject
    SourceService sources;
    @Inject
    BackupService backups;
    @Inject
    ScheduleQueries schedules;

    @GET
    @Path("/new")
    @Allowed(Role.OPERATOR)
    public TemplateInstance register() {
        return Templates.register(console);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance page(@PathParam("id") UUID id) {
        SourceView source = sources.get(id);
        Page<BackupView> recent = backups.list(
                new BackupService.Filter(id.toString(), null, null, null, null, null), TIMELINE_BACKUPS, null);
        List<BackupView> newest = recent.items().stream().limit(NEWEST_LISTED).toList();
        boolean more = recent.items().size() > NEWEST_LISTED || recent.nextCursor() != null;
        List<ScheduleView> ofSource = schedules.list(id.toString(), null, "50", null).items();
        return Templates.page(console, source, BackupTimeline.of(recent.items()), newest, more, ofSource);
    }
}
