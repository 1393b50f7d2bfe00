package io.arca.export.table;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** JSON string escaping over UTF-8 bytes (multi-byte sequences pass as they are). */
final class JsonText {
    static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JsonText() {
    }

    /** {@code "text"} with quotes, backslashes and control characters escaped. */
    static byte[] quoted(String text) {
        try (var buffer = new java.io.ByteArrayOutputStream()) {
            buffer.write('"');
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeEscaped(buffer, utf8, 0, utf8.length);
            buffer.write('"');
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a JSON string's content: {@code "} and {@code \} escaped, control characters as escapes. */
    static void writeEscaped(OutputStream out, byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.write(b, start, i - start);
            start = i + 1;
            switch (c) {
                case '"' -> out.write(new byte[] {'\\', '"'});
                case '\\' -> out.write(new byte[] {'\\', '\\'});
                case '\n' -> out.write(new byte[] {'\\', 'n'});
                case '\r' -> out.write(new byte[] {'\\', 'r'});
                case '\t' -> out.write(new byte[] {'\\', 't'});
                case '\b' -> out.write(new byte[] {'\\', 'b'});
                case '\f' -> out.write(new byte[] {'\\', 'f'});
                default -> out.write(new byte[] {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 0xf]});
            }
        }
        out.write(b, start, off + len - start);
    }

    /** {@code out} that ignores close (a base64 encoder closes its stream to write the padding). */
    static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
            }
        };
    }
}
