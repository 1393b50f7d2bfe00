package io.arca.api.download;

import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body as the renderer writes it. Every write first asks Vert.x whether the connection is still
 * open: a write to a closed connection would otherwise be dropped without an error, and the renderer would go on
 * fetching and decrypting chunks for nobody until the end of the backup. Counts what was handed on.
 */
final class ClientOutput extends OutputStream {
    private final OutputStream out;
    private final HttpServerResponse response;
    /** The Content-Length announced, or -1: more bytes would be a renderer bug the client must not receive. */
    private final long declared;
    private long bytes;
    private volatile boolean gone;

    ClientOutput(OutputStream out, HttpServerResponse response, long declared) {
        this.out = out;
        this.response = response;
        this.declared = declared;
    }

    /** The client closed the connection (or writing to it failed). */
    static final class ClientGoneException extends IOException {
        ClientGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    long bytes() {
        return bytes;
    }

    /** False when a Content-Length was announced and not met. */
    boolean complete() {
        return declared < 0 || bytes == declared;
    }

    boolean gone() {
        return gone || response.closed();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        if (declared >= 0 && bytes + len > declared) {
            throw new IllegalStateException("the rendering wrote more than the " + declared + " bytes it announced");
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            gone = true;
            throw new ClientGoneException("writing to the client failed: " + e.getMessage(), e);
        }
        bytes += len;
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        try {
            out.flush();
        } catch (IOException e) {
            gone = true;
            throw new ClientGoneException("writing to the client failed: " + e.getMessage(), e);
        }
    }

    /** The renderer does not end the response: the framework does once the body is complete. */
    @Override
    public void close() {
    }

    private void checkOpen() throws ClientGoneException {
        if (response.closed()) {
            gone = true;
            throw new ClientGoneException("the client closed the connection", null);
        }
    }
}
