package io.arca.cli.resolve;

import io.arca.cli.CliException;
import java.util.UUID;

/** Ids given on the command line: UUIDs, checked before a request is sent (a typo is a usage error, exit 2). */
public final class Ids {
    private Ids() {
    }

    public static UUID parseOrNull(String text) {
        try {
            return text != null && text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code what} names the thing in the message: "backup id". */
    public static UUID require(String text, String what) {
        UUID id = parseOrNull(text);
        if (id == null) {
            throw CliException.usage("'" + text + "' is not a " + what + " (a UUID such as "
                    + "0b6f3c8e-5a57-4f0e-9c39-2d0d1c7e8a11)");
        }
        return id;
    }
}
