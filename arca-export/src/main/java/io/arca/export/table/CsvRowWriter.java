package io.arca.export.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes rows as RFC 4180 CSV: comma-separated, CRLF line ends, UTF-8, a header row of column names. A field is
 * quoted (with {@code "} doubled) when it holds a comma, a quote, CR or LF, and always when it is empty, so that
 * <b>NULL is an empty unquoted field and the empty string is {@code ""}</b>. A field longer than
 * {@link #FIELD_BUFFER} bytes is quoted without looking at it whole: it is streamed, never held.
 */
public final class CsvRowWriter implements CopyRowHandler {
    /** Longest field inspected before choosing whether to quote it; longer ones are quoted. */
    static final int FIELD_BUFFER = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final byte[] field = new byte[FIELD_BUFFER];
    private int fieldLength;
    /** The field outgrew the buffer: its opening quote is written and the rest goes out as it comes. */
    private boolean streaming;

    public CsvRowWriter(OutputStream out) {
        this.out = out;
    }

    /** The header row: the column names as fields. */
    public void header(List<String> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            beginField(i);
            byte[] name = columns.get(i).getBytes(StandardCharsets.UTF_8);
            fieldBytes(name, 0, name.length);
            endField(i);
        }
        endRow();
    }

    @Override
    public void beginRow() {
    }

    @Override
    public void nullField(int column) throws IOException {
        separator(column);
    }

    @Override
    public void beginField(int column) throws IOException {
        separator(column);
        fieldLength = 0;
        streaming = false;
    }

    @Override
    public void fieldBytes(byte[] b, int off, int len) throws IOException {
        if (streaming) {
            writeQuoted(b, off, len);
        } else if (fieldLength + len <= field.length) {
            System.arraycopy(b, off, field, fieldLength, len);
            fieldLength += len;
        } else {
            out.write('"');
            writeQuoted(field, 0, fieldLength);
            writeQuoted(b, off, len);
            streaming = true;
        }
    }

    @Override
    public void endField(int column) throws IOException {
        if (streaming) {
            out.write('"');
        } else if (fieldLength == 0 || needsQuotes()) {
            out.write('"');
            writeQuoted(field, 0, fieldLength);
            out.write('"');
        } else {
            out.write(field, 0, fieldLength);
        }
    }

    @Override
    public void endRow() throws IOException {
        out.write(CRLF);
    }

    private void separator(int column) throws IOException {
        if (column > 0) {
            out.write(',');
        }
    }

    private boolean needsQuotes() {
        for (int i = 0; i < fieldLength; i++) {
            byte c = field[i];
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The bytes with every {@code "} doubled. */
    private void writeQuoted(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '"') {
                out.write(b, start, i + 1 - start);
                start = i; // the quote goes out a second time with the next run
            }
        }
        out.write(b, start, off + len - start);
    }
}
