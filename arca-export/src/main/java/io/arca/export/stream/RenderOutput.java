package io.arca.export.stream;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a rendering writes: {@link #stream()} (buffered, maybe compressing, maybe a zip) over the caller's stream.
 * {@link #finish()} completes it (compression trailer, zip directory) and flushes; {@link #abandon()} after a failure
 * cuts it instead: nothing more reaches the caller, so a failed rendering never ends in a well-formed file (a gzip
 * trailer after half a script would make a truncated download look complete). The caller's stream stays open.
 *
 * <pre>{@code
 * RenderOutput target = Compressors.open(out, compression);
 * try {
 *     write(target.stream());
 *     target.finish();
 * } finally {
 *     target.abandon(); // does nothing after finish()
 * }
 * }</pre>
 */
public final class RenderOutput {
    private final OutputStream stream;
    private final Sink sink;
    private boolean finished;

    RenderOutput(OutputStream stream, Sink sink) {
        this.stream = stream;
        this.sink = sink;
    }

    /** The same output written through {@code outer}, a stream built on {@link #stream()} (a zip, ...). */
    public RenderOutput wrap(OutputStream outer) {
        return new RenderOutput(outer, sink);
    }

    public OutputStream stream() {
        return stream;
    }

    public void finish() throws IOException {
        stream.close(); // writes trailers and flushes into the caller's stream, which the sink leaves open
        finished = true;
    }

    /** After a failure: drops whatever is still buffered and releases the compressor; idempotent. */
    public void abandon() {
        if (finished) {
            return;
        }
        sink.cut = true;
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // the rendering failed already; closing only releases the compressor's native memory
        }
        finished = true;
    }

    /** The caller's stream behind everything: never closed, and silent once cut. */
    static final class Sink extends FilterOutputStream {
        private boolean cut;

        Sink(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (!cut) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!cut) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!cut) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
