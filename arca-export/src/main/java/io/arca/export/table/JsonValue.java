package io.arca.export.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Writes one column's values as JSON, from the decoded COPY text handed over in pieces ({@link ColumnKind}). Each
 * kind holds at most a small fixed buffer, so a value of any size streams.
 */
abstract class JsonValue {
    final OutputStream out;
    final String column;

    JsonValue(OutputStream out, String column) {
        this.out = out;
        this.column = column;
    }

    static JsonValue of(ColumnKind kind, OutputStream out, String column) {
        return switch (kind) {
            case NUMBER -> new NumberValue(out, column);
            case BOOLEAN -> new BooleanValue(out, column);
            case JSON -> new EmbeddedJson(out, column);
            case BYTEA -> new ByteaValue(out, column);
            case STRING -> new StringValue(out, column);
        };
    }

    abstract void begin() throws IOException;

    abstract void bytes(byte[] b, int off, int len) throws IOException;

    abstract void end() throws IOException;

    /** The COPY text as a JSON string. */
    static final class StringValue extends JsonValue {
        StringValue(OutputStream out, String column) {
            super(out, column);
        }

        @Override
        void begin() throws IOException {
            out.write('"');
        }

        @Override
        void bytes(byte[] b, int off, int len) throws IOException {
            JsonText.writeEscaped(out, b, off, len);
        }

        @Override
        void end() throws IOException {
            out.write('"');
        }
    }

    /**
     * The text as written by PostgreSQL, which for these types is a JSON number (no rounding through a double),
     * except NaN and ±Infinity, which JSON does not have: those become strings. Checked before it is written.
     */
    static final class NumberValue extends JsonValue {
        private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        private static final int INSPECT = 64;
        private final byte[] head = new byte[INSPECT];
        private int length;
        private boolean streaming;

        NumberValue(OutputStream out, String column) {
            super(out, column);
        }

        @Override
        void begin() {
            length = 0;
            streaming = false;
        }

        @Override
        void bytes(byte[] b, int off, int len) throws IOException {
            if (!streaming && length + len <= INSPECT) {
                System.arraycopy(b, off, head, length, len);
                length += len;
                return;
            }
            if (!streaming) {
                check(head, 0, length); // a long number: only digits and the like (numeric has up to 147k digits)
                out.write(head, 0, length);
                streaming = true;
            }
            check(b, off, len);
            out.write(b, off, len);
        }

        @Override
        void end() throws IOException {
            if (streaming) {
                return;
            }
            String text = new String(head, 0, length, StandardCharsets.US_ASCII);
            if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
                out.write(('"' + text + '"').getBytes(StandardCharsets.US_ASCII));
            } else if (JSON_NUMBER.matcher(text).matches()) {
                out.write(head, 0, length);
            } else {
                throw new CopyTextException("column " + column + " holds \"" + text + "\", which is not a number");
            }
        }

        private void check(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                    throw new CopyTextException("column " + column + " holds a value that is not a number");
                }
            }
        }
    }

    /** {@code t} and {@code f}, as COPY writes booleans. */
    static final class BooleanValue extends JsonValue {
        private int length;
        private byte first;

        BooleanValue(OutputStream out, String column) {
            super(out, column);
        }

        @Override
        void begin() {
            length = 0;
        }

        @Override
        void bytes(byte[] b, int off, int len) {
            if (length == 0 && len > 0) {
                first = b[off];
            }
            length += len;
        }

        @Override
        void end() throws IOException {
            if (length == 1 && (first == 't' || first == 'f')) {
                out.write(first == 't' ? JsonText.TRUE : JsonText.FALSE);
            } else {
                throw new CopyTextException("column " + column + " holds a boolean that is neither t nor f");
            }
        }
    }

    /**
     * json and jsonb as they are: PostgreSQL checked them. Line breaks can only be whitespace between tokens (JSON
     * strings cannot hold them unescaped), so they become spaces and each row stays on one line.
     */
    static final class EmbeddedJson extends JsonValue {
        private final byte[] copy = new byte[8192];

        EmbeddedJson(OutputStream out, String column) {
            super(out, column);
        }

        @Override
        void begin() {
        }

        @Override
        void bytes(byte[] b, int off, int len) throws IOException {
            for (int start = off; start < off + len; start += copy.length) {
                int n = Math.min(copy.length, off + len - start);
                for (int i = 0; i < n; i++) {
                    byte c = b[start + i];
                    copy[i] = c == '\n' || c == '\r' ? (byte) ' ' : c;
                }
                out.write(copy, 0, n);
            }
        }

        @Override
        void end() {
        }
    }

    /** bytea in hex output ({@code \x0a1b...}, the server default) or escape output, as a base64 string. */
    static final class ByteaValue extends JsonValue {
        private final ByteaDecoder decoder = new ByteaDecoder();
        private OutputStream base64;

        ByteaValue(OutputStream out, String column) {
            super(out, column);
        }

        @Override
        void begin() throws IOException {
            out.write('"');
            base64 = Base64.getEncoder().wrap(JsonText.unclosable(out));
            decoder.reset();
        }

        @Override
        void bytes(byte[] b, int off, int len) throws IOException {
            decoder.decode(b, off, len, base64, column);
        }

        @Override
        void end() throws IOException {
            decoder.finish(column);
            base64.close(); // writes the padding; the row's stream stays open
            out.write('"');
        }
    }
}
