package io.arca.api.notification;

import io.arca.api.auth.Allowed;
import io.arca.api.auth.Role;
import io.arca.api.common.Page;
import io.arca.api.notification.ChannelDtos.ChannelView;
import io.arca.api.notification.ChannelDtos.CreateChannelRequest;
import io.arca.api.notification.ChannelDtos.CreatedChannel;
import io.arca.api.notification.ChannelDtos.DeliveryView;
import io.arca.api.notification.ChannelDtos.RotateSecretRequest;
import io.arca.api.notification.ChannelDtos.RotatedSecret;
import io.arca.api.notification.ChannelDtos.TestResult;
import io.arca.api.notification.ChannelDtos.UpdateChannelRequest;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notification-channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
@RunOnVirtualThread
@Tag(name = "Notification channels", description = "Signed webhooks and email for the tenant's events (admin only; "
        + "docs/events.md)")
public class NotificationChannelResource {
    private static final String INVALID = "invalid-notification-channel: a field is not acceptable (the problem's "
            + "field names it)";

    @Inject
    NotificationChannelService channels;
    @Inject
    ChannelTester tester;
    @Inject
    SecretRotation rotation;
    @Inject
    DeliveryService deliveries;

    @POST
    @Operation(summary = "Create a channel", description = "A webhook gets a signing secret, returned here once "
            + "(Standard Webhooks: verify webhook-signature with it); only its sealed form is stored.")
    @APIResponse(responseCode = "201", description = "Created; a webhook's secret is in the body")
    @APIResponse(responseCode = "409", description = "channel-limit-reached (arca.notifications."
            + "max-channels-per-tenant), or a channel with this name exists")
    @APIResponse(responseCode = "422", description = INVALID + "; destination-not-allowed: the URL's host resolves "
            + "into a denied network")
    public Response create(CreateChannelRequest request) {
        CreatedChannel created = channels.create(request);
        return Response.created(URI.create("/api/v1/notification-channels/" + created.channel().id()))
                .entity(created).build();
    }

    @GET
    @Operation(summary = "List channels", description = "Newest first, without secrets; cursor pagination (pass "
            + "nextCursor back as cursor).")
    public Page<ChannelView> list(@Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return channels.list(limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a channel")
    @APIResponse(responseCode = "404", description = "No such channel in this tenant")
    public ChannelView get(@PathParam("id") UUID id) {
        return channels.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a channel", description = "Only the fields given change (the kind cannot). "
            + "enabled: false disables it (its pending deliveries fail); true re-enables it and forgets its failures.")
    @APIResponse(responseCode = "404", description = "No such channel in this tenant")
    @APIResponse(responseCode = "409", description = "A channel with this name exists")
    @APIResponse(responseCode = "422", description = INVALID + "; destination-not-allowed")
    public ChannelView update(@PathParam("id") UUID id, UpdateChannelRequest request) {
        return channels.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a channel", description = "With its deliveries and their attempts.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such channel in this tenant")
    public void delete(@PathParam("id") UUID id) {
        channels.delete(id);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a test event", description = "Queues a notification.test event to this channel "
            + "alone (even a disabled one) and waits up to arca.notifications.test-wait for the first attempt.")
    @APIResponse(responseCode = "200", description = "Attempted: outcome delivered or failed, with the receiver's "
            + "status, latency and error")
    @APIResponse(responseCode = "202", description = "Not attempted yet (outcome pending); follow it in "
            + "GET .../deliveries")
    @APIResponse(responseCode = "404", description = "No such channel in this tenant")
    public Response test(@PathParam("id") UUID id) {
        TestResult result = tester.test(id);
        return Response.status("pending".equals(result.outcome()) ? 202 : 200).entity(result).build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "Rotate a webhook's secret", description = "Returns the new secret once; the previous one "
            + "still signs (beside the new) for overlapHours (0-168, default 24).")
    @APIResponse(responseCode = "404", description = "No such channel in this tenant")
    @APIResponse(responseCode = "409", description = "An email channel (no secret)")
    @APIResponse(responseCode = "422", description = "overlapHours out of range")
    public RotatedSecret rotateSecret(@PathParam("id") UUID id, RotateSecretRequest request) {
        return rotation.rotate(id, request);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The channel's delivery log", description = "Deliveries newest first, each with its last "
            + "10 attempts (outcome, response status, latency, error, response excerpt); cursor pagination.")
    @APIResponse(responseCode = "404", description = "No such channel in this tenant")
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id,
            @Parameter(description = "pending, sending, delivered or failed") @QueryParam("state") String state,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return deliveries.list(id, state, limit, cursor);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again", description = "A delivered or failed delivery is queued again, due "
            + "now, with the same webhook-id.")
    @APIResponse(responseCode = "202", description = "Queued; the delivery as it is now")
    @APIResponse(responseCode = "404", description = "No such delivery of this channel in this tenant")
    @APIResponse(responseCode = "409", description = "delivery-in-progress (pending or sending), the channel is "
            + "disabled, or the event left the event log")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        deliveries.redeliver(id, deliveryId);
        return Response.accepted(deliveries.get(id, deliveryId)).build();
    }
}
