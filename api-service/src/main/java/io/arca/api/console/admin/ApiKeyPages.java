package io.arca.api.console.admin;

import io.arca.api.apikey.ApiKeyDtos.ApiKeyView;
import io.arca.api.apikey.ApiKeyService;
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

/** API keys (admin only): the list, a create form whose secret is shown once, revoke. */
@Path("/console/api-keys")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
public class ApiKeyPages {
    static final String PAGE_SIZE = "50";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ConsoleView console, Page<ApiKeyView> keys);
    }

    @Inject
    ConsoleView console;
    @Inject
    ApiKeyService keys;

    @GET
    public TemplateInstance list(@QueryParam("cursor") String cursor) {
        return Templates.list(console, keys.list(PAGE_SIZE, cursor));
    }
}
