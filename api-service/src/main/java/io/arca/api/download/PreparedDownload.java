package io.arca.api.download;

import io.arca.archive.ArchiveException;
import io.arca.export.RenderedExport;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * A link that passed every check, with its backup open and its rendering prepared; nothing is sent yet. Streaming
 * it (or {@link #close}) releases the reader. A failure after the response began cuts the connection, so a client
 * never takes a partial body for a whole one; damage found on the way flags the backup.
 */
final class PreparedDownload implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PreparedDownload.class);

    private final DownloadToken token;
    private final BackupRecord backup;
    private final OpenBackup open;
    private final RenderedExport rendered;
    private final String filename;
    private final String etag;
    private final DownloadAudit.Use use;
    private final DownloadAudit audit;
    private final CorruptionReporter corruption;
    private final DownloadMetrics metrics;

    PreparedDownload(DownloadToken token, BackupRecord backup, OpenBackup open, RenderedExport rendered,
            String filename, String etag, DownloadAudit.Use use, DownloadAudit audit, CorruptionReporter corruption,
            DownloadMetrics metrics) {
        this.token = token;
        this.backup = backup;
        this.open = open;
        this.rendered = rendered;
        this.filename = filename;
        this.etag = etag;
        this.use = use;
        this.audit = audit;
        this.corruption = corruption;
        this.metrics = metrics;
    }

    String contentType() {
        return rendered.contentType();
    }

    String filename() {
        return filename;
    }

    String etag() {
        return etag;
    }

    OptionalLong length() {
        return rendered.length();
    }

    /** Answered without a body (HEAD, 416): audited and closed. */
    void answered(int status, String outcome) {
        close();
        audit.record(token, use, status, 0, outcome);
    }

    /**
     * Writes the body ({@code part} null: all of it) to {@code raw}, the framework's response stream.
     *
     * @throws DownloadAbortedException when the transfer stopped early (the connection is closed by then)
     */
    void stream(OutputStream raw, ByteRange.Part part, int status, HttpServerResponse response) {
        long declared = part != null ? part.length() : rendered.length().orElse(-1);
        ClientOutput out = new ClientOutput(raw, response, declared);
        metrics.started();
        String outcome = "completed";
        try {
            if (part != null) {
                rendered.writeRange(out, part.first(), part.last());
            } else {
                rendered.writeTo(out);
            }
            if (!out.complete()) {
                throw new IllegalStateException("the rendering wrote " + out.bytes() + " of the " + declared
                        + " bytes it announced");
            }
        } catch (IOException | RuntimeException e) {
            boolean clientGone = out.gone();
            // cut the transfer before anything else: the client must see it fail, not wait for more; and stop the
            // reader's read-ahead
            response.close();
            open.close();
            outcome = clientGone ? "client-gone" : failed(e);
            throw new DownloadAbortedException(outcome, e);
        } finally {
            open.close();
            metrics.finished(out.bytes());
            audit.record(token, use, status, out.bytes(), outcome);
        }
    }

    private String failed(Exception e) {
        ArchiveException damage = ReadFailures.archiveCause(e);
        if (damage == null) {
            LOG.errorf(e, "download of backup %s (link %s) failed", backup.id(), token.linkId());
            return "failed";
        }
        if (!ReadFailures.isDamage(damage)) {
            LOG.warnf("download of backup %s stopped: object store unavailable: %s", backup.id(), damage.getMessage());
            return "store-unavailable";
        }
        corruption.report(backup, open, damage);
        return "damaged: " + ReadFailures.reason(damage);
    }

    @Override
    public void close() {
        open.close();
    }
}
