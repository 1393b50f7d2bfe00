package io.arca.api.source;

import io.arca.api.common.Labels;
import io.arca.api.error.ProblemException;
import io.arca.api.source.SourceDtos.SourceRequest;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and normalises a {@link SourceRequest}; the first problem found is reported with its field. */
final class SourceValidator {
    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,62}");
    /** Host names, IPv4 and (bracket-less) IPv6 literals. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_IDENTIFIER = 63;
    private static final int MAX_PASSWORD = 1024;

    /** A request after validation, with defaults applied. */
    record Valid(String name, String host, int port, String database, String username, String password,
                 String sslMode, Map<String, String> labels) {
        @Override
        public String toString() {
            return "Valid[" + name + "]";
        }
    }

    private SourceValidator() {
    }

    /** @param passwordRequired true on create; on update an absent password keeps the stored one */
    static Valid validate(SourceRequest request, boolean passwordRequired) {
        if (request == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ProblemException.invalid("name",
                    "name is 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (request.type() != null && !"postgresql".equals(request.type())) {
            throw ProblemException.invalid("type", "type must be postgresql");
        }
        if (request.host() == null || !HOST.matcher(request.host()).matches()) {
            throw ProblemException.invalid("host", "host is a host name or IP address");
        }
        int port = request.port() == null ? 5432 : request.port();
        if (port < 1 || port > 65535) {
            throw ProblemException.invalid("port", "port must be between 1 and 65535");
        }
        checkIdentifier(request.database(), "database");
        checkIdentifier(request.username(), "username");
        String password = request.password();
        if (password == null && passwordRequired) {
            throw ProblemException.invalid("password", "password is required");
        }
        if (password != null && (password.length() > MAX_PASSWORD || password.indexOf('\0') >= 0)) {
            throw ProblemException.invalid("password", "password must be at most " + MAX_PASSWORD
                    + " characters without NUL");
        }
        String sslMode = request.sslMode() == null ? "prefer" : request.sslMode();
        if (!SSL_MODES.contains(sslMode)) {
            throw ProblemException.invalid("sslMode",
                    "sslMode must be one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        Map<String, String> labels = Labels.validate(request.labels(), "labels");
        return new Valid(request.name(), request.host(), port, request.database(), request.username(), password,
                sslMode, labels);
    }

    private static void checkIdentifier(String value, String field) {
        if (value == null || value.isEmpty() || value.length() > MAX_IDENTIFIER || CONTROL.matcher(value).find()) {
            throw ProblemException.invalid(field, field + " is 1-" + MAX_IDENTIFIER + " characters without control characters");
        }
    }
}
