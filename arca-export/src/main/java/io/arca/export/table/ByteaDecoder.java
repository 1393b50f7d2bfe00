package io.arca.export.table;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a bytea's text form back into its bytes, streaming: the hex format ({@code \x} then two hex digits per byte,
 * PostgreSQL's default output) or the escape format ({@code \\} for a backslash, {@code \nnn} octal for other bytes,
 * printable ASCII as it is), whichever the value starts with.
 */
final class ByteaDecoder {
    private enum State { START, START_BACKSLASH, HEX, ESCAPED, ESCAPED_BACKSLASH, ESCAPED_OCTAL }

    private final byte[] decoded = new byte[4096];
    private int decodedLength;
    private State state;
    private int value;
    private int digits;

    void reset() {
        state = State.START;
        decodedLength = 0;
        digits = 0;
    }

    void decode(byte[] b, int off, int len, OutputStream out, String column) throws IOException {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            switch (state) {
                case START -> state = c == '\\' ? State.START_BACKSLASH : escaped(c, out);
                case START_BACKSLASH -> state = c == 'x' ? State.HEX : afterBackslash(c, out, column);
                case HEX -> {
                    int digit = Character.digit(c, 16);
                    if (digit < 0) {
                        throw new CopyTextException("column " + column + " holds a bytea with a non-hex character");
                    }
                    value = value * 16 + digit;
                    if (++digits == 2) {
                        put(value, out);
                        value = 0;
                        digits = 0;
                    }
                }
                case ESCAPED -> state = c == '\\' ? State.ESCAPED_BACKSLASH : escaped(c, out);
                case ESCAPED_BACKSLASH -> state = afterBackslash(c, out, column);
                case ESCAPED_OCTAL -> {
                    if (c < '0' || c > '7') {
                        throw new CopyTextException("column " + column + " holds a bytea with a bad octal escape");
                    }
                    value = value * 8 + (c - '0');
                    if (++digits == 3) {
                        put(value, out);
                        state = State.ESCAPED;
                    }
                }
            }
        }
        flush(out);
    }

    void finish(String column) {
        boolean complete = switch (state) {
            case START, ESCAPED -> true;
            case HEX -> digits == 0;
            default -> false;
        };
        if (!complete) {
            throw new CopyTextException("column " + column + " holds a bytea that ends inside an escape");
        }
    }

    private State escaped(byte c, OutputStream out) throws IOException {
        put(c, out);
        return State.ESCAPED;
    }

    private State afterBackslash(byte c, OutputStream out, String column) throws IOException {
        if (c == '\\') {
            put('\\', out);
            return State.ESCAPED;
        }
        if (c < '0' || c > '3') {
            throw new CopyTextException("column " + column + " holds a bytea with a bad escape");
        }
        value = c - '0';
        digits = 1;
        return State.ESCAPED_OCTAL;
    }

    private void put(int b, OutputStream out) throws IOException {
        decoded[decodedLength++] = (byte) b;
        if (decodedLength == decoded.length) {
            flush(out);
        }
    }

    private void flush(OutputStream out) throws IOException {
        out.write(decoded, 0, decodedLength);
        decodedLength = 0;
    }
}
