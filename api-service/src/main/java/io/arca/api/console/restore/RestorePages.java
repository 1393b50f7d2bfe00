package io.arca.api.console.restore;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.console.ConsoleView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A restore's page, {@code /console/restores/{id}}: state, live progress, tables done, error, safety backup and
 * duration; for a dry run its preview. The fragments are the page's live part and the wizard's preview and
 * confirmation summary.
 */
@Path("/console/restores/{id}")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
public class RestorePages {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(ConsoleView console, RestorePageView restore);

        static native TemplateInstance page$live(ConsoleView console, RestorePageView restore);

        static native TemplateInstance page$preview(RestorePageView restore);

        static native TemplateInstance page$overwrites(RestorePageView restore);
    }

    @Inject
    ConsoleView console;

    @Inject
    RestorePageViews views;

    @GET
    public TemplateInstance page(@PathParam("id") String id) {
        return Templates.page(console, views.of(id));
    }

    /** State, progress, error and outcome; final (no more polling) once the restore ended. */
    @GET
    @Path("/fragment/live")
    public TemplateInstance live(@PathParam("id") String id) {
        return Templates.page$live(console, views.of(id));
    }

    /** The preview's tables (objects, rows, conflicts, estimate): the wizard's second step. */
    @GET
    @Path("/fragment/preview")
    public TemplateInstance preview(@PathParam("id") String id) {
        return Templates.page$preview(views.of(id));
    }

    /** What the real restore overwrites, in words: the wizard's confirmation step. */
    @GET
    @Path("/fragment/overwrites")
    public TemplateInstance overwrites(@PathParam("id") String id) {
        return Templates.page$overwrites(views.of(id));
    }
}
