package io.arca.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small parsers shared by commands: {@code k=v} labels. */
public final class Options {
    private Options() {
    }

    /** {@code ["env=prod", "team=db"]} as a map; a label without '=' is a usage error. */
    public static Map<String, String> labels(List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw CliException.usage("label '" + pair + "' is not key=value");
                }
                labels.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return labels;
    }
}
