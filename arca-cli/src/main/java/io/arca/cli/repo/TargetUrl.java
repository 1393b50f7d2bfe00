package io.arca.cli.repo;

import io.arca.cli.CliException;
import io.arca.cli.CliIo;
import io.arca.pg.PgConnectionSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code postgresql://user@host:port/database[?sslmode=MODE]} as a connection. The password comes from PGPASSWORD
 * (a password in the URL is accepted, as libpq does, but lands in shell history).
 */
final class TargetUrl {
    private TargetUrl() {
    }

    static PgConnectionSpec parse(String url, CliIo io) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw usage(url);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getRawUserInfo() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw usage(url);
        }
        String[] userInfo = uri.getRawUserInfo().split(":", 2);
        String password = userInfo.length == 2 ? decode(userInfo[1]) : io.env("PGPASSWORD");
        String sslMode = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.startsWith("sslmode=")) {
                    sslMode = decode(pair.substring("sslmode=".length()));
                }
            }
        }
        try {
            return new PgConnectionSpec(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    decode(uri.getRawPath().substring(1)), decode(userInfo[0]), password, sslMode);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--to: " + e.getMessage());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static CliException usage(String url) {
        return CliException.usage("--to " + url.replaceAll(":[^:@/]*@", ":***@") + ": expected "
                + "postgresql://user@host:port/database (the password from PGPASSWORD)");
    }
}
