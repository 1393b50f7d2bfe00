package io.arca.system.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's image must be, beyond valid syntax: built from a pinned base, running as a numeric non-root
 * user (Kubernetes' runAsNonRoot can only verify a numeric one), exposing exactly the service's HTTP port, and
 * checking its health on {@code /q/health/*} of that port with a program the Dockerfile itself installs: the base
 * image is not assumed to have curl (a slim or distroless base has none, and a health check whose program is missing
 * marks every container unhealthy).
 */
final class DockerfileCheck {
    /** Health-check programs → the Debian/Ubuntu package that provides them. */
    private static final Map<String, String> PACKAGE_OF = Map.of("curl", "curl", "wget", "wget");
    private static final Pattern HEALTH_URL = Pattern.compile("http://(?:localhost|127\\.0\\.0\\.1):(\\d+)"
            + "/q/health/(live|ready|started)\\b");
    private static final Pattern HEALTH_EXEC_FORM = Pattern.compile("^(?:--\\S+\\s+)*CMD\\s+(\\[.*])\\s*$");

    private DockerfileCheck() {
    }

    static List<String> problems(Dockerfile dockerfile, int httpPort) {
        List<String> problems = new ArrayList<>();
        String from = dockerfile.last("FROM");
        if (from == null) {
            problems.add("no FROM");
        } else {
            ImageReference.unpinned(from.split("\\s+")[0]).ifPresent(why -> problems.add("base image " + why));
        }
        String user = dockerfile.last("USER");
        String uid = user == null ? null : user.split(":")[0];
        if (uid == null || !uid.matches("\\d+") || Integer.parseInt(uid) == 0) {
            problems.add("USER " + user + ": the image must run as a numeric non-root uid");
        }
        Set<String> exposed = new TreeSet<>();
        dockerfile.all("EXPOSE").forEach(e -> exposed.addAll(Arrays.asList(e.split("\\s+"))));
        if (!exposed.equals(Set.of(String.valueOf(httpPort)))) {
            problems.add("EXPOSE " + exposed + ": must be exactly the service's HTTP port " + httpPort
                    + " (quarkus.http.port)");
        }
        String env = String.join(" ", dockerfile.all("ENV"));
        if (!env.matches("(?s).*\\bQUARKUS_HTTP_PORT=" + httpPort + "\\b.*")) {
            problems.add("ENV QUARKUS_HTTP_PORT is not " + httpPort);
        }
        problems.addAll(healthCheckProblems(dockerfile, httpPort));
        return problems;
    }

    private static List<String> healthCheckProblems(Dockerfile dockerfile, int httpPort) {
        List<String> healthChecks = dockerfile.all("HEALTHCHECK");
        if (healthChecks.size() != 1) {
            return List.of("HEALTHCHECK: expected exactly one, found " + healthChecks.size());
        }
        Matcher execForm = HEALTH_EXEC_FORM.matcher(healthChecks.getFirst());
        if (!execForm.matches()) {
            return List.of("HEALTHCHECK must run CMD in exec form [\"program\", ...] (no shell in the image needed)");
        }
        List<String> argv;
        try {
            argv = List.of(new ObjectMapper().readValue(execForm.group(1), String[].class));
        } catch (JsonProcessingException e) {
            return List.of("HEALTHCHECK CMD is not a JSON array of strings: " + execForm.group(1));
        }
        List<String> problems = new ArrayList<>();
        Matcher url = argv.stream().map(HEALTH_URL::matcher).filter(Matcher::find).findFirst().orElse(null);
        if (url == null || Integer.parseInt(url.group(1)) != httpPort) {
            problems.add("HEALTHCHECK " + argv + " must request http://localhost:" + httpPort
                    + "/q/health/live|ready|started");
        }
        String program = argv.isEmpty() ? "" : argv.getFirst();
        String pkg = PACKAGE_OF.get(program);
        boolean installed = pkg != null && dockerfile.all("RUN").stream()
                .anyMatch(run -> run.matches("(?s).*apt-get install[^&|;]*\\s" + Pattern.quote(pkg) + "(\\s.*|$)"));
        if (!installed) {
            problems.add("HEALTHCHECK runs " + program + ", which no RUN apt-get install of this Dockerfile installs"
                    + " (the base image is not assumed to have it)");
        }
        return problems;
    }
}
