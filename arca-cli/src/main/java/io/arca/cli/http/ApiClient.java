package io.arca.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.config.ApiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Arca API over HTTP: JSON in and out, {@code Authorization: Bearer <key>}, one error path. An error answer
 * becomes an {@link ApiProblemException} (the problem's title and detail, an exit code from the status); a server
 * that cannot be reached becomes exit 5 naming the URL tried.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    private final String apiKey;
    private final HttpClient http;

    public ApiClient(ApiConfig config) {
        this.base = config.url();
        this.apiKey = config.apiKey();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /**
     * Sends a request and returns the answer's body as JSON ({@link MissingNode} when empty or not JSON). {@code body}
     * is a {@link JsonNode}, a {@code Map}/record (serialized by Jackson), or null. Extra {@code headers}
     * (Idempotency-Key) are sent as given.
     */
    public JsonNode send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).timeout(REQUEST_TIMEOUT);
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), json, method, path);
        }
        return json;
    }

    /**
     * Every item of a paged list ({@code {"items": [...], "nextCursor": ...}}), following cursors, at most
     * {@code limit} items ({@code limit <= 0}: all). {@code query} holds the other query parameters.
     */
    public ArrayNode list(String path, Map<String, String> query, int limit) {
        ArrayNode items = JSON.createArrayNode();
        String cursor = null;
        do {
            Map<String, String> q = new LinkedHashMap<>(query);
            int pageSize = limit <= 0 ? 200 : Math.min(200, limit - items.size());
            q.put("limit", String.valueOf(pageSize));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            JsonNode page = get(path + queryString(q));
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && (limit <= 0 || items.size() < limit));
        return items;
    }

    /** A streamed body: read it and close it. {@code length} is -1 when the server did not say. */
    public record Download(InputStream body, long length) {
    }

    /**
     * A streamed GET of an absolute URL (a download link, which needs no key). Plain {@link HttpURLConnection}, not
     * the {@link HttpClient}: its socket stream costs a third of the CPU per byte, and on a small machine the client's
     * CPU is taken from the server rendering the file (measured in bench/cli-benchmark.sh).
     */
    public Download stream(URI url) {
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            c.setInstanceFollowRedirects(false);
            int status = c.getResponseCode();
            if (status >= 400) {
                try (InputStream err = c.getErrorStream()) {
                    throw problem(status, parse(err == null ? new byte[0] : err.readAllBytes()), "GET",
                            url.getPath());
                }
            }
            return new Download(c.getInputStream(), c.getContentLengthLong());
        } catch (ConnectException e) {
            throw new CliException(ExitCode.SERVER, "cannot reach " + url.getHost() + ":" + url.getPort() + " ("
                    + describe(e) + ")", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.SERVER, "GET " + url.getPath() + " failed: " + describe(e), e);
        }
    }

    /** {@code ?a=1&b=2}, URL-encoded; "" when empty (null values are left out). */
    public static String queryString(Map<String, String> query) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> {
            if (v != null) {
                s.append(s.isEmpty() ? '?' : '&').append(k).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return s.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(base.getPath() + path)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + apiKey);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CliException(ExitCode.SERVER, "cannot reach the Arca API at " + base + " ("
                    + describe(e) + "); check ARCA_URL or --url", e);
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCode.SERVER, "the Arca API at " + base + " did not answer "
                    + request.method() + " " + request.uri().getPath() + " in time", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.SERVER, "talking to the Arca API at " + base + " failed: "
                    + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted", e);
        }
    }

    private static ApiProblemException problem(int status, JsonNode json, String method, String path) {
        String title = json.path("title").asText("");
        String detail = json.path("detail").asText("");
        String message = title.isEmpty() ? method + " " + path + " answered " + status
                : detail.isEmpty() || detail.equals(title) ? title : title + ": " + detail;
        return new ApiProblemException(status, json.isObject() ? json : JSON.createObjectNode(), message);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
