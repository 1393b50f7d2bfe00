package io.arca.api.download;

import io.arca.api.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One audit row per use of a link whose signature is good ({@code download.use}, no actor: the link is the
 * credential), under the link's tenant: who (address), what (range), and how it ended (status, bytes sent,
 * outcome). Strings that fail the signature are not audited: nothing in them can be trusted, not even the tenant.
 */
@ApplicationScoped
class DownloadAudit {
    private static final Logger LOG = Logger.getLogger(DownloadAudit.class);

    private final AuditLog audit;

    DownloadAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** What the request was: method, client address and the Range header as sent. */
    record Use(String method, String address, String range) {
    }

    void record(DownloadToken token, Use use, int status, long bytes, String outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("linkId", token.linkId());
        details.put("method", use.method());
        details.put("address", use.address());
        details.put("range", use.range());
        details.put("status", status);
        details.put("bytes", bytes);
        details.put("outcome", outcome);
        try {
            QuarkusTransaction.requiringNew().run(() -> audit.record(token.tenant(), null, "download.use", "backup",
                    token.backup(), details));
        } catch (RuntimeException e) {
            // the transfer already happened (or was refused); a lost audit row must not turn it into an error
            LOG.errorf(e, "audit of download %s (link %s) failed: %s", token.backup(), token.linkId(), details);
        }
    }
}
