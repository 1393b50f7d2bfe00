package io.arca.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml as docker-compose itself reads it: {@code docker-compose config} (1.29, no engine needed)
 * validates the file and prints it resolved (anchors merged, variables interpolated), which the checks then read.
 * Runs with an empty environment and an empty env file, so neither the caller's environment nor a developer's
 * {@code .env} changes the outcome; the variables the file requires ({@code ${X:?...}}) are passed explicitly.
 */
final class ComposeFile {
    static final String FILE = "docker-compose.yml";
    /** The variables docker-compose.yml requires (the two secrets), with stand-in values. */
    static final Map<String, String> REQUIRED = Map.of(
            "ARCA_SECURITY_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "ARCA_SECURITY_BOOTSTRAP_ADMIN_KEY", "arca_composeCheck0000000000000000000000000000");

    private ComposeFile() {
    }

    /** {@code docker-compose config} of {@code root}/docker-compose.yml with these variables, {@code -q}: no output. */
    static CheckTools.Result config(Path root, Map<String, String> variables, boolean quiet) {
        Path envFile = null;
        try {
            envFile = Files.createTempFile("arca-compose-", ".env");
            List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=/usr/bin:/bin"));
            variables.forEach((name, value) -> command.add(name + "=" + value));
            command.addAll(List.of(CheckTools.dockerCompose().toString(), "--env-file", envFile.toString(), "-f",
                    FILE, "config"));
            if (quiet) {
                command.add("-q");
            }
            return CheckTools.run(Duration.ofMinutes(1), root, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (envFile != null) {
                envFile.toFile().delete();
            }
        }
    }

    /**
     * Problems of the resolved file: an environment variable an Arca service (one built from
     * deploy/docker/&lt;module&gt;.Dockerfile) sets that the service does not read, and images not pinned. Images of
     * services built here are exempt: their tag names a local build, their base image is pinned in the Dockerfile.
     */
    static List<String> problems(String resolved, ArcaServices services) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> all = Yaml.map(Yaml.documents(resolved).getFirst(), "services");
        all.forEach((name, service) -> {
            String dockerfile = Yaml.text(service, "build", "dockerfile");
            if (dockerfile == null) {
                ImageReference.unpinned(Yaml.text(service, "image"))
                        .ifPresent(why -> problems.add("service " + name + ": image " + why));
                return;
            }
            String module = moduleOf(dockerfile);
            if (module == null) {
                problems.add("service " + name + " is built from " + dockerfile + ", which is no service module's "
                        + "Dockerfile (deploy/docker/<module>.Dockerfile)");
                return;
            }
            for (String variable : Yaml.map(service, "environment").keySet()) {
                EnvironmentKeys.unread(services, module, variable)
                        .ifPresent(why -> problems.add("service " + name + " sets " + why));
            }
        });
        return problems;
    }

    private static String moduleOf(String dockerfile) {
        return ArcaServices.MODULES.stream().filter(m -> dockerfile.equals("deploy/docker/" + m + ".Dockerfile"))
                .findFirst().orElse(null);
    }
}
