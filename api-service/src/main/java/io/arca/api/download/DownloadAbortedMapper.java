package io.arca.api.download;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A download that stopped after its response began: the connection is closed already and the outcome audited, so
 * there is nothing to send and no error to log (a client going away is normal). Global, as the exception leaves the
 * response's writer, not the resource method; being the most specific mapper, it wins over the catch-all.
 */
public class DownloadAbortedMapper {
    private static final Logger LOG = Logger.getLogger(DownloadAbortedMapper.class);

    @ServerExceptionMapper
    public Response aborted(DownloadAbortedException e) {
        LOG.debugf("download aborted (%s): %s", e.outcome(), e.getCause() == null ? "" : e.getCause().toString());
        return Response.serverError().build();
    }
}
