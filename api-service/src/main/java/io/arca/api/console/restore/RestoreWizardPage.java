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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The restore wizard, {@code /console/restore?backupId=}: target, tables and mode; a dry run with its preview; the
 * confirmation. The steps run in the browser ({@code restore.js}) against the JSON API, so its role checks,
 * validation and {@code confirmDataLoss} apply unchanged; a viewer sees the form without its run buttons.
 */
@Path("/console/restore")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.VIEWER)
@RunOnVirtualThread
public class RestoreWizardPage {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance wizard(ConsoleView console, RestoreWizard wizard);
    }

    @Inject
    ConsoleView console;

    @Inject
    RestoreWizards wizards;

    @GET
    public TemplateInstance wizard(@QueryParam("backupId") String backupId) {
        return Templates.wizard(console, wizards.of(backupId));
    }
}
