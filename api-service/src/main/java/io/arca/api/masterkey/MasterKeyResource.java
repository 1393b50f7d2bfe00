package io.arca.api.masterkey;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.masterkey.MasterKeyDtos.MasterKeyReport;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/master-key")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
@Tag(name = "Master key", description = "Master key rotation (bootstrap key only; docs/operations.md)")
public class MasterKeyResource {
    @Inject
    MasterKeyService service;

    @GET
    @Operation(summary = "Master key status",
            description = "Fingerprints of the current and previous master keys, and per kind of sealed value (source "
                    + "passwords, data keys in the catalog and in the bucket, webhook secrets) how many the current "
                    + "key opens, how many still need a previous key, and how many no configured key opens. When "
                    + "onPreviousKeys is 0 the previous keys can be removed from the configuration.")
    @APIResponse(responseCode = "200", description = "The status")
    @APIResponse(responseCode = "403", description = "Not the bootstrap key")
    @APIResponse(responseCode = "503", description = "Object store unavailable")
    public MasterKeyReport status() {
        return service.status();
    }

    @POST
    @Path("/rewrap")
    @Operation(summary = "Re-wrap every sealed value under the current master key",
            description = "Re-seals every value only a previous master key opens; values the current key opens are "
                    + "left alone, so it is safe to run again, or after an interruption (it continues with what is "
                    + "left). Values no configured key opens are reported, not changed. Run it once every service "
                    + "has the new key as current.")
    @APIResponse(responseCode = "200", description = "What was re-wrapped, per kind")
    @APIResponse(responseCode = "403", description = "Not the bootstrap key")
    @APIResponse(responseCode = "503", description = "Object store unavailable (run it again later)")
    public MasterKeyReport rewrap() {
        return service.rewrap();
    }
}
