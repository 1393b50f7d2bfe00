package io.arca.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.cli.CliException;
import io.arca.cli.CliIo;
import io.arca.cli.ExitCode;
import io.arca.cli.GlobalOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the URL and the key come from: flag, then environment, then profile; what is said when one is missing. */
class ApiConfigTest {
    @TempDir
    Path home;

    @Test
    void flagBeatsEnvironmentBeatsProfile() throws IOException {
        writeProfile("[default]\nurl = http://profile:1\napi-key = arca_profile\n", "rw-------");
        GlobalOptions options = new GlobalOptions();
        assertThat(ApiConfig.resolve(options, io(Map.of())))
                .isEqualTo(new ApiConfig(java.net.URI.create("http://profile:1"), "arca_profile"));
        assertThat(ApiConfig.resolve(options, io(Map.of("ARCA_URL", "http://env:2/", "ARCA_API_KEY", "arca_env"))))
                .isEqualTo(new ApiConfig(java.net.URI.create("http://env:2"), "arca_env"));
        options.url = "https://flag:3";
        Path keyFile = home.resolve("key");
        Files.writeString(keyFile, "arca_file\n");
        options.apiKeyFile = keyFile;
        assertThat(ApiConfig.resolve(options, io(Map.of("ARCA_URL", "http://env:2", "ARCA_API_KEY", "arca_env"))))
                .isEqualTo(new ApiConfig(java.net.URI.create("https://flag:3"), "arca_file"));
    }

    @Test
    void namedProfileFromFlagOrEnvironment() throws IOException {
        writeProfile("[default]\nurl = http://a:1\napi-key = k1\n\n# production\n[prod]\nurl = http://b:2\n"
                + "api-key = k2\n", "rw-------");
        assertThat(ApiConfig.resolve(new GlobalOptions(), io(Map.of("ARCA_PROFILE", "prod"))).apiKey()).isEqualTo("k2");
        GlobalOptions options = new GlobalOptions();
        options.profile = "nope";
        assertThatThrownBy(() -> ApiConfig.resolve(options, io(Map.of()))).isInstanceOf(CliException.class)
                .hasMessageContaining("no profile 'nope'").hasMessageContaining("profiles: default, prod");
    }

    @Test
    void missingValuesNameTheVariableAndTheFlag() {
        assertThatThrownBy(() -> ApiConfig.resolve(new GlobalOptions(), io(Map.of())))
                .isInstanceOf(CliException.class).hasMessageContaining("ARCA_URL").hasMessageContaining("--url")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThatThrownBy(() -> ApiConfig.resolve(new GlobalOptions(), io(Map.of("ARCA_URL", "http://x:1"))))
                .hasMessageContaining("ARCA_API_KEY").hasMessageContaining("--api-key-file");
        assertThatThrownBy(() -> ApiConfig.resolve(new GlobalOptions(),
                io(Map.of("ARCA_URL", "ftp://x", "ARCA_API_KEY", "k")))).hasMessageContaining("not an API URL");
    }

    @Test
    void aProfileFileOthersMayReadIsRefused() throws IOException {
        writeProfile("[default]\nurl = http://a:1\napi-key = k1\n", "rw-r--r--");
        assertThatThrownBy(() -> ApiConfig.resolve(new GlobalOptions(), io(Map.of())))
                .isInstanceOf(CliException.class).hasMessageContaining("readable by others")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aMalformedLineIsNamed() throws IOException {
        writeProfile("url = http://a:1\n", "rw-------");
        assertThatThrownBy(() -> ApiConfig.resolve(new GlobalOptions(), io(Map.of())))
                .hasMessageContaining("line 1").hasMessageContaining("[profile]");
    }

    private void writeProfile(String text, String perms) throws IOException {
        Path file = ProfileFile.location(Map.of(), home);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    private CliIo io(Map<String, String> env) {
        PrintStream sink = new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CliIo(new HashMap<>(env), home, new ByteArrayInputStream(new byte[0]), sink, sink, false);
    }
}
