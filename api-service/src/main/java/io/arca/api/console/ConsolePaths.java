package io.arca.api.console;

import java.net.URI;

/** Where the console lives, and which "next" addresses a sign-in may send the browser to. */
public final class ConsolePaths {
    public static final String ROOT = "/console";
    public static final String SIGN_IN = ROOT + "/sign-in";

    private ConsolePaths() {
    }

    public static boolean isConsole(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /** A same-site console address to continue at after sign-in; the overview for anything else (open redirects). */
    public static String safeNext(String next) {
        if (next == null || !isConsole(next) || next.startsWith(SIGN_IN) || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return ROOT;
        }
        try {
            URI uri = URI.create(next);
            return uri.getScheme() == null && uri.getAuthority() == null ? next : ROOT;
        } catch (IllegalArgumentException e) {
            return ROOT;
        }
    }
}
