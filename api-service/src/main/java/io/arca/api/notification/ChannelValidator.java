package io.arca.api.notification;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.events.EventTypeFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one channel field at a time and answers {@code invalid-notification-channel} (422) naming the field. The
 * rules keep what the delivery engine later does safe: a URL it can send to without leaking credentials, headers that
 * cannot forge the signature or split the request, addresses an SMTP server accepts.
 */
final class ChannelValidator {
    static final int MAX_NAME = 100;
    static final int MAX_URL = 2048;
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_NAME = 100;
    static final int MAX_HEADER_VALUE = 1024;
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_DIGEST_MINUTES = 1440;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");
    /** RFC 9110 token: what a header name may be. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Visible ASCII, space and tab: no CR/LF (request splitting), no NUL, nothing a client library refuses. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");
    /** The WHATWG (HTML) "valid e-mail address" rule: what browsers accept in an email field. */
    private static final Pattern EMAIL = Pattern.compile("[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
            + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    /**
     * Headers the engine sets itself (signature, body framing, user agent) or that belong to the connection: a
     * channel that set them could forge a signature or break the request.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-type", "content-length",
            "content-encoding", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "te", "trailer",
            "user-agent", "proxy-authorization", "proxy-connection");

    private ChannelValidator() {
    }

    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("name", "name is 1-" + MAX_NAME
                    + " letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    static String kind(String kind) {
        if (NotificationChannel.WEBHOOK.equals(kind) || NotificationChannel.EMAIL.equals(kind)) {
            return kind;
        }
        throw invalid("kind", "kind must be webhook or email");
    }

    /** @return the patterns as stored (trimmed, lower case) */
    static List<String> eventTypes(List<String> eventTypes) {
        try {
            return EventTypeFilter.parse(eventTypes, true).patterns();
        } catch (IllegalArgumentException e) {
            throw invalid("eventTypes", "eventTypes: " + e.getMessage());
        }
    }

    static String url(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url", "url is required for a webhook");
        }
        if (url.length() > MAX_URL) {
            throw invalid("url", "url is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url", "url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("url", "url must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            // credentials in a URL end up in logs and in the channel view: send them as a custom header instead
            throw invalid("url", "url must not contain credentials (user:password@); use a custom header");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("url", "url has no host");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url", "url must not have a fragment (#...)");
        }
        return url;
    }

    /** @return the headers in the given order; names keep their case, a name given twice (any case) is refused */
    static Map<String, String> headers(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            throw invalid("headers", "at most " + MAX_HEADERS + " custom headers");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String field = "headers." + name;
            if (name == null || name.length() > MAX_HEADER_NAME || !HEADER_NAME.matcher(name).matches()) {
                throw invalid("headers", "header names are 1-" + MAX_HEADER_NAME
                        + " letters, digits and !#$%&'*+.^_`|~- (no spaces, colons or line breaks)");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("webhook-") || RESERVED_HEADERS.contains(lower)) {
                throw invalid(field, "header " + name + " is set by Arca and cannot be overridden");
            }
            if (!seen.add(lower)) {
                throw invalid(field, "header " + name + " is given twice (names are case-insensitive)");
            }
            String value = h.getValue();
            if (value == null || value.length() > MAX_HEADER_VALUE || !HEADER_VALUE.matcher(value).matches()) {
                throw invalid(field, "header " + name + ": the value is at most " + MAX_HEADER_VALUE
                        + " printable ASCII characters (no line breaks or control characters)");
            }
            checked.put(name, value.strip());
        }
        return checked;
    }

    /** @return the addresses without duplicates (case-insensitive), in the given order */
    static List<String> recipients(List<String> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            throw invalid("recipients", "recipients: at least one email address is required");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw invalid("recipients", "at most " + MAX_RECIPIENTS + " recipients");
        }
        List<String> checked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String r : recipients) {
            String address = r == null ? "" : r.strip();
            if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
                throw invalid("recipients", "recipients: " + (r == null ? "null" : "\"" + r + "\"")
                        + " is not a valid email address");
            }
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                checked.add(address);
            }
        }
        return checked;
    }

    static Integer digestMinutes(Integer minutes) {
        if (minutes != null && (minutes < 1 || minutes > MAX_DIGEST_MINUTES)) {
            throw invalid("digestMinutes", "digestMinutes must be between 1 and " + MAX_DIGEST_MINUTES
                    + " (leave it out for one email per event)");
        }
        return minutes;
    }

    /** A field given for the other kind of channel (recipients on a webhook, a URL on an email channel). */
    static void notFor(String kind, String field, Object value) {
        if (value != null) {
            throw invalid(field, field + " does not apply to " + kind + " channels");
        }
    }

    static ProblemException invalid(String field, String detail) {
        return new ProblemException(ProblemType.INVALID_NOTIFICATION_CHANNEL, detail, field);
    }
}
