package io.arca.api.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw HTTP/1.0 client on one socket, as an old proxy would speak it: it reads a response's body by its
 * Content-Length, or else until the server closes the connection. A server that does neither makes it time out.
 */
final class Http10Client implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    private final Socket socket;
    private final InputStream in;

    /** One response: status line, headers (names in lower case), body, and whether it ended by the server closing. */
    record Response(String statusLine, Map<String, String> headers, byte[] body, boolean readUntilClosed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Http10Client(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = socket.getInputStream();
    }

    Response get(String path, String bearerKey) throws IOException {
        String request = "GET " + path + " HTTP/1.0\r\n"
                + "Host: localhost\r\n"
                + "Connection: keep-alive\r\n"
                + "Accept: application/json\r\n"
                + "Authorization: Bearer " + bearerKey + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String[] head = readHead().split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length != null) {
            return new Response(head[0], headers, in.readNBytes(Integer.parseInt(length)), false);
        }
        try {
            return new Response(head[0], headers, in.readAllBytes(), true);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no Content-Length and the connection stays open: the client cannot tell "
                    + "whether the body has ended (" + head[0] + ")", e);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
