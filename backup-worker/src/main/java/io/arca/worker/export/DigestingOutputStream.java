package io.arca.worker.export;

import io.arca.worker.job.JobContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes the export's bytes on to the upload, hashing (SHA-256) and counting them on the way: the size and digest the
 * export reports are those of exactly the bytes stored. Fails the next write once the job's lease is lost.
 */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private final ExportProgress progress;
    private final JobContext context;
    private long size;

    DigestingOutputStream(OutputStream upload, ExportProgress progress, JobContext context) {
        super(upload);
        this.progress = progress;
        this.context = context;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (context.isCancelled()) {
            throw new IOException("export stopped: " + context.cancelReason());
        }
        out.write(b, off, len);
        sha256.update(b, off, len);
        size += len;
        progress.written(len);
    }

    /** Does not close the upload: completing or discarding it is the handler's decision. */
    @Override
    public void close() throws IOException {
        flush();
    }

    long size() {
        return size;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
