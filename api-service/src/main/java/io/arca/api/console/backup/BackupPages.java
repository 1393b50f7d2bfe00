package io.arca.api.console.backup;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.backup.BackupService;
import io.arca.api.common.Page;
import io.arca.api.console.ConsoleView;
import io.arca.api.console.SourceNames;
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

/** The backups list (filters, keyset paging) and one backup's page with its live progress fragment. */
@Path(BackupPages.PATH)
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
public class BackupPages {
    static final String PATH = "/console/backups";
    static final String PAGE_SIZE = "50";
    /** The source pickers list this many sources (the API's largest page); more are reached by link. */
    static final int SOURCE_CHOICES = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ConsoleView console, BackupListing listing,
                                            List<SourceNames.Choice> sources);

        static native TemplateInstance page(ConsoleView console, BackupView backup, String sourceName,
                                            BackupProgress progress, BackupTables tables,
                                            VerificationSummary verification, List<SourceNames.Choice> sources);

        static native TemplateInstance page$progress(BackupProgress progress);
    }

    @Inject
    ConsoleView console;
    @Inject
    BackupService backups;
    @Inject
    SourceNames sourceNames;
    @Inject
    BackupTablesReader tables;

    @GET
    public TemplateInstance list(@QueryParam("sourceId") String sourceId, @QueryParam("state") String state,
                                 @QueryParam("lifecycle") String lifecycle, @QueryParam("cursor") String cursor) {
        var filters = new BackupListing.Filters(sourceId, state, lifecycle);
        Page<BackupView> page = backups.list(
                new BackupService.Filter(sourceId, state, null, null, null, lifecycle), PAGE_SIZE, cursor);
        Map<UUID, String> names = sourceNames.of(page.items().stream().map(BackupView::sourceId).distinct().toList());
        List<BackupListing.Row> rows = page.items().stream()
                .map(b -> new BackupListing.Row(b, names.getOrDefault(b.sourceId(), b.sourceId().toString())))
                .toList();
        boolean firstPage = cursor == null || cursor.isEmpty();
        return Templates.list(console, BackupListing.of(rows, filters, page.nextCursor(), firstPage),
                sourceNames.choices(SOURCE_CHOICES));
    }

    @GET
    @Path("/{id}")
    public TemplateInstance page(@PathParam("id") UUID id, @QueryParam("tablesCursor") String tablesCursor) {
        BackupView backup = backups.get(id);
        List<SourceNames.Choice> targets = console.canOperate() ? sourceNames.choices(SOURCE_CHOICES) : List.of();
        return Templates.page(console, backup, sourceNames.of(backup.sourceId()), BackupProgress.of(backup),
                tables.read(backup, tablesCursor), VerificationSummary.of(backup.verification()), targets);
    }

    @GET
    @Path("/{id}/fragment/progress")
    public TemplateInstance progress(@PathParam("id") UUID id) {
        return Templates.page$progress(BackupProgress.of(backups.get(id)));
    }
}
