package io.arca.api.export;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.export.ExportDtos.ExportRequestBody;
import io.arca.api.export.ExportDtos.ExportView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups/{id}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.OPERATOR)
@RunOnVirtualThread
@Tag(name = "Exports")
public class BackupExportsResource {
    @Inject
    ExportService service;

    @POST
    @Operation(summary = "Export a backup", description = "Queues an export job: a worker renders the backup as "
            + "sql, csv, json or archive into one object in the bucket. Poll GET /api/v1/exports/{id} for progress "
            + "and, once completed, a presigned URL. The file is deleted after arca.exports.retention-days.")
    @APIResponse(responseCode = "202", description = "Accepted; Location points at the export",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportView.class)))
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "Backup not completed, corrupted (without force), or "
            + "schema-only for csv/json (backup-has-no-data)")
    @APIResponse(responseCode = "422", description = "invalid-export-option or tables-match-nothing")
    public Response create(@PathParam("id") UUID id, ExportRequestBody request) {
        ExportView export = service.create(id, request);
        return Response.accepted(export).location(URI.create("/api/v1/exports/" + export.id())).build();
    }
}
