package io.arca.api.console.overview;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Caller;
import io.arca.api.auth.Role;
import io.arca.api.console.ConsolePaths;
import io.arca.api.console.ConsoleView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The console's home: every source with its recovery point (problems first), running jobs with live progress, and
 * recent failures with their reasons.
 */
@Path(ConsolePaths.ROOT)
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
public class OverviewPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(ConsoleView console, Overview overview);

        static native TemplateInstance overview$running(ConsoleView console, List<Overview.JobRow> running);
    }

    @Inject
    ConsoleView console;

    @Inject
    Caller caller;

    @Inject
    OverviewQuery overviews;

    @GET
    public TemplateInstance overview(@QueryParam("q") String query, @QueryParam("status") String status,
                                     @QueryParam("page") String page) {
        return Templates.overview(console, overviews.load(caller.tenantId(), query, status, pageNumber(page)));
    }

    /** A page number from the query; 1 for anything that is not one (the query is the user's to edit). */
    static int pageNumber(String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The running jobs, for the page's live region. */
    @GET
    @Path("/fragment/running")
    public TemplateInstance running() {
        return Templates.overview$running(console, overviews.running(caller.tenantId()));
    }
}
