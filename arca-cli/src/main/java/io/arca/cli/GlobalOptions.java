package io.arca.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Options every API command takes (a mixin of {@link ApiCommand}). The API key is never an option value: it comes from
 * {@code ARCA_API_KEY}, a profile, or a file ({@code --api-key-file}, {@code -} for stdin), so it does not end up in
 * shell history or {@code ps}.
 */
public class GlobalOptions {
    /** Output modes: human tables, the API's JSON objects, or ids only. */
    public enum Format { TABLE, JSON }

    @Option(names = "--url", paramLabel = "URL", description = "API base URL (default: ARCA_URL, then the profile)")
    public String url;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "profile of ~/.config/arca/config (default: ARCA_PROFILE, then 'default')")
    public String profile;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "read the API key from FILE ('-': stdin) instead of ARCA_API_KEY or the profile")
    public Path apiKeyFile;

    /** {@code -o}: an output format for most commands; {@code arca download} reads it as the file to write. */
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json (the API's "
            + "objects); for download: the file to write ('-': stdout)")
    public String output;

    @Option(names = {"-q", "--quiet"}, description = "print ids only, one per line")
    public boolean quiet;

    /** The output format {@code -o} asks for: table (default) or json, in any case. */
    public Format format() {
        if (output == null) {
            return Format.TABLE;
        }
        try {
            return Format.valueOf(output.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("-o " + output + ": not an output format, use table or json");
        }
    }
}
