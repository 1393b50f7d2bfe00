package io.arca.cli;

import java.nio.file.Path;
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

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class, description = "table (default) or json (the API's objects)")
    public Format format = Format.TABLE;

    @Option(names = {"-q", "--quiet"}, description = "print ids only, one per line")
    public boolean quiet;

    /** Accepts {@code table} and {@code json} in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not an output format: use table or json");
            }
        }
    }
}
