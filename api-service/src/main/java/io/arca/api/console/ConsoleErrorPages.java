package io.arca.api.console;

import io.arca.api.error.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The console's side of the one error path: a problem (the same {@link Problem} the JSON API answers with, status
 * kept) on a console page is shown as an HTML page with its title and detail, never as JSON or a stack trace.
 */
public class ConsoleErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(ConsoleView console, int status, String title, String detail);
    }

    @Inject
    ConsoleView console;

    @ServerResponseFilter
    public void asHtml(ContainerRequestContext request, ContainerResponseContext response) {
        if (!ConsolePaths.isConsole(request.getUriInfo().getPath())) {
            return;
        }
        Object entity = response.getEntity();
        String title;
        String detail;
        if (entity instanceof Problem problem) {
            title = problem.title();
            detail = problem.detail();
        } else if (entity instanceof Map<?, ?> body && body.containsKey("title") && body.containsKey("status")) {
            title = String.valueOf(body.get("title"));
            detail = body.get("detail") == null ? null : String.valueOf(body.get("detail"));
        } else {
            return;
        }
        String html = Templates.error(console, response.getStatus(), title, detail).render();
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
