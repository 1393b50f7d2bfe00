package io.arca.cli.config;

import io.arca.cli.CliException;
import io.arca.cli.CliIo;
import io.arca.cli.GlobalOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * Where the API is and which key to send, resolved in this order: flags ({@code --url}, {@code --api-key-file}), the
 * environment ({@code ARCA_URL}, {@code ARCA_API_KEY}), then the profile ({@code --profile}, {@code ARCA_PROFILE},
 * else {@code default}) of the profile file. A missing value is an error that says which variable or flag sets it.
 */
public record ApiConfig(URI url, String apiKey) {
    public static final String DEFAULT_PROFILE = "default";

    public static ApiConfig resolve(GlobalOptions options, CliIo io) {
        String profileName = options.profile != null ? options.profile
                : io.env("ARCA_PROFILE") != null ? io.env("ARCA_PROFILE") : DEFAULT_PROFILE;
        Map<String, String> profile = profile(profileName, options.profile != null || io.env("ARCA_PROFILE") != null,
                io);
        String url = options.url != null ? options.url
                : io.env("ARCA_URL") != null ? io.env("ARCA_URL") : profile.get("url");
        if (url == null || url.isBlank()) {
            throw CliException.usage("no API URL: set ARCA_URL, pass --url, or add 'url = ...' to profile '"
                    + profileName + "' in " + ProfileFile.location(io.env(), io.home()));
        }
        String key = options.apiKeyFile != null ? readKeyFile(options, io)
                : io.env("ARCA_API_KEY") != null ? io.env("ARCA_API_KEY") : profile.get("api-key");
        if (key == null || key.isBlank()) {
            throw CliException.usage("no API key: set ARCA_API_KEY, pass --api-key-file FILE, or add 'api-key = ...' "
                    + "to profile '" + profileName + "' in " + ProfileFile.location(io.env(), io.home()));
        }
        return new ApiConfig(parseUrl(url), key.strip());
    }

    private static Map<String, String> profile(String name, boolean explicit, CliIo io) {
        Optional<ProfileFile> file = ProfileFile.read(ProfileFile.location(io.env(), io.home()));
        Optional<Map<String, String>> profile = file.flatMap(f -> f.profile(name));
        if (profile.isEmpty() && explicit) {
            throw CliException.usage("no profile '" + name + "' in " + ProfileFile.location(io.env(), io.home())
                    + file.map(f -> " (profiles: " + String.join(", ", f.names()) + ")").orElse(" (no such file)"));
        }
        return profile.orElse(Map.of());
    }

    private static String readKeyFile(GlobalOptions options, CliIo io) {
        try {
            byte[] bytes = options.apiKeyFile.toString().equals("-") ? io.in().readAllBytes()
                    : Files.readAllBytes(options.apiKeyFile);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw CliException.usage("cannot read --api-key-file " + options.apiKeyFile + ": " + e.getMessage());
        }
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("'" + url + "' is not an API URL such as http://127.0.0.1:8080");
        }
    }
}
