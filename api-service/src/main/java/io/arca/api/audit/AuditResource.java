package io.arca.api.audit;

import io.arca.api.audit.AuditQueries.AuditEntry;
import io.arca.api.audit.AuditQueries.AuditFilter;
import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
@Tag(name = "Audit log", description = "Every mutating call of the caller's tenant (admin only)")
public class AuditResource {
    @Inject
    AuditQueries queries;

    @GET
    @Operation(summary = "List the audit log", description = "Newest first; cursor pagination (pass nextCursor "
            + "back as cursor).")
    public Page<AuditEntry> list(
            @Parameter(description = "An action (schedule.create) or a prefix (schedule.*)")
            @QueryParam("action") String action,
            @Parameter(description = "schedule, api-key, source, backup, ...") @QueryParam("targetType")
            String targetType,
            @QueryParam("targetId") String targetId,
            @Parameter(description = "The API key that made the calls") @QueryParam("actorKeyId") String actorKeyId,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return queries.list(new AuditFilter(action, targetType, targetId, actorKeyId), limit, cursor);
    }
}
