package io.arca.api.download;

import io.arca.api.error.Problem;
import io.arca.api.error.ProblemType;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/downloads/{token}}: the one endpoint without an API key (the auth filter exempts exactly this
 * path); the signed token is the credential. The body is rendered while it is sent, on the request's virtual
 * thread, as fast as the client reads it.
 */
@Path(DownloadResource.PATH + "/{token}")
@RunOnVirtualThread
@Tag(name = "Downloads")
public class DownloadResource {
    public static final String PATH = "/api/v1/downloads";

    @Inject
    DownloadService service;

    @GET
    @Operation(summary = "Download through a link",
            description = "No Authorization header: the link is the credential. Streams the backup rendered as the "
                    + "link says. Content-Length, Accept-Ranges: bytes and Range (206/416) when the length is known "
                    + "in advance (archive, uncompressed sql); a strong ETag always; If-Range with that ETag.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "403", description = "Altered, expired or revoked link")
    @APIResponse(responseCode = "409", description = "The backup was flagged corrupted since (link without force)")
    @APIResponse(responseCode = "410", description = "The backup was deleted")
    @APIResponse(responseCode = "416", description = "Range outside the file")
    public Response download(@PathParam("token") String token, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange, @Context HttpServerRequest request) {
        PreparedDownload download = service.prepare(token, use(request, range));
        return respond(download, range, ifRange, request, false);
    }

    @HEAD
    @Operation(summary = "Headers of a download", description = "What GET would answer, without the body.")
    public Response head(@PathParam("token") String token, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange, @Context HttpServerRequest request) {
        PreparedDownload download = service.prepare(token, use(request, range));
        return respond(download, range, ifRange, request, true);
    }

    private static Response respond(PreparedDownload download, String rangeHeader, String ifRange,
            HttpServerRequest request, boolean head) {
        OptionalLong length = download.length();
        ByteRange range = new ByteRange.Whole();
        // If-Range: the client resumes a file it has part of; a range of another rendering would splice two files
        if (length.isPresent() && (ifRange == null || ifRange.trim().equals(download.etag()))) {
            range = ByteRange.of(rangeHeader, length.getAsLong());
        }
        if (range instanceof ByteRange.Unsatisfiable unsatisfiable) {
            download.answered(416, "range-not-satisfiable");
            Problem problem = Problem.of(ProblemType.RANGE_NOT_SATISFIABLE, "the range " + rangeHeader.trim()
                    + " lies outside the file of " + unsatisfiable.total() + " bytes", "Range");
            return Response.status(416).type(Problem.MEDIA_TYPE).entity(problem)
                    .header("Content-Range", unsatisfiable.contentRange()).build();
        }
        ByteRange.Part part = range instanceof ByteRange.Part p ? p : null;
        int status = part != null ? 206 : 200;
        Response.ResponseBuilder response = Response.status(status).type(download.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + download.filename() + "\"")
                .header(HttpHeaders.ETAG, download.etag())
                // the URL is a credential: no shared cache may keep the body
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Accept-Ranges", length.isPresent() ? "bytes" : "none");
        if (part != null) {
            response.header("Content-Range", part.contentRange()).header(HttpHeaders.CONTENT_LENGTH, part.length());
        } else if (length.isPresent()) {
            response.header(HttpHeaders.CONTENT_LENGTH, length.getAsLong());
        }
        if (head) {
            download.answered(status, "head");
            return response.build();
        }
        StreamingOutput body = out -> download.stream(out, part, status, request.response());
        return response.entity(body).build();
    }

    private static DownloadAudit.Use use(HttpServerRequest request, String range) {
        // the connection's peer; with quarkus.http.proxy.proxy-address-forwarding=true Vert.x has already put
        // the forwarded client address here (the API does not trust X-Forwarded-For by itself)
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new DownloadAudit.Use(request.method().name(), address, range);
    }
}
