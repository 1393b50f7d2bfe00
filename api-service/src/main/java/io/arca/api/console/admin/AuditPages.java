package io.arca.api.console.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.audit.AuditQueries;
import io.arca.api.audit.AuditQueries.AuditEntry;
import io.arca.api.audit.AuditQueries.AuditFilter;
import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
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

/** The audit log (admin, as the API): newest first, filtered by action (or prefix), target and actor. */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
public class AuditPages {
    static final String PAGE_SIZE = "50";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ConsoleView console, List<AuditRow> rows, String nextCursor,
                AuditFilter filter, String query);
    }

    @Inject
    ConsoleView console;
    @Inject
    AuditQueries audit;
    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance list(@QueryParam("action") String action, @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId, @QueryParam("actorKeyId") String actorKeyId,
            @QueryParam("cursor") String cursor) {
        AuditFilter filter = new AuditFilter(action, targetType, targetId, actorKeyId);
        Page<AuditEntry> page = audit.list(filter, PAGE_SIZE, cursor);
        return Templates.list(console, page.items().stream().map(e -> AuditRow.of(e, json)).toList(),
                page.nextCursor(), filter, AuditLinks.filterQuery(filter));
    }
}
