package io.arca.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * One rendering of a backup, ready to stream. Streams are written straight from the chunks (no temporary file,
 * no table held in memory). A read error (missing or corrupt chunk) is thrown from the write methods before any
 * byte of the bad chunk is written, so a client sees a failed transfer, never wrong bytes.
 */
public interface RenderedExport {

    /** {@code Content-Type} of the bytes, e.g. {@code application/sql}, {@code application/zip}. */
    String contentType();

    /** File name suffix including the compression, e.g. {@code .sql.gz}, {@code .zip}, {@code .tar}. */
    String fileSuffix();

    /** Exact length in bytes when it is known before streaming (archive; uncompressed sql); empty otherwise. */
    OptionalLong length();

    /** Writes all bytes. */
    void writeTo(OutputStream out) throws IOException;

    /**
     * Writes bytes {@code first..last} (inclusive) only; requires {@link #length()}. Skips what lies before
     * {@code first} without reading more than it must (whole chunks or entries are skipped where possible).
     */
    void writeRange(OutputStream out, long first, long last) throws IOException;
}
