package io.arca.api.console.admin;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.console.ConsoleView;
import io.arca.api.notification.ChannelDtos.ChannelView;
import io.arca.api.notification.ChannelDtos.DeliveryView;
import io.arca.api.notification.DeliveryService;
import io.arca.api.notification.NotificationChannelService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Notification channels (admin, as the API): the list with a create form, a channel with its delivery log. */
@Path("/console/channels")
@Produces(MediaType.TEXT_HTML)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
public class ChannelPages {
    static final String PAGE_SIZE = "50";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ConsoleView console, Page<ChannelView> channels);

        static native TemplateInstance channel(ConsoleView console, ChannelView channel,
                Page<DeliveryView> deliveries, String state);
    }

    @Inject
    ConsoleView console;
    @Inject
    NotificationChannelService channels;
    @Inject
    DeliveryService deliveries;

    @GET
    public TemplateInstance list(@QueryParam("cursor") String cursor) {
        return Templates.list(console, channels.list(PAGE_SIZE, cursor));
    }

    @GET
    @Path("/{id}")
    public TemplateInstance channel(@PathParam("id") UUID id, @QueryParam("state") String state,
            @QueryParam("cursor") String cursor) {
        ChannelView channel = channels.get(id);
        String filter = state == null || state.isBlank() ? null : state;
        return Templates.channel(console, channel, deliveries.list(id, filter, PAGE_SIZE, cursor),
                filter == null ? "" : filter);
    }
}
