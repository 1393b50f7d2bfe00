package io.arca.api.contents;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.contents.ContentsDtos.EntryView;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups/{id}/contents")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
@Tag(name = "Backups")
public class BackupContentsResource {
    @Inject
    BackupContents contents;

    @GET
    @Operation(summary = "List a backup's contents", description = "One line per entry in restore order: "
            + "pre-data, each table's data (rows, plaintext and stored bytes, chunks), large objects, sequence "
            + "values, post-data. Cursor pagination (pass nextCursor back as cursor).")
    @APIResponse(responseCode = "404", description = "No such backup in this tenant")
    @APIResponse(responseCode = "409", description = "The backup is not completed, or its manifest cannot be read")
    public Page<EntryView> list(@PathParam("id") UUID id,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return contents.list(id, limit, cursor);
    }
}
