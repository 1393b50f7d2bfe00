package io.arca.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A scrape of {@code /q/metrics} parsed by the Prometheus text exposition format (0.0.4): comment lines skipped,
 * {@code name{label="value",...} value [timestamp]} per sample, label values unescaped ({@code \\}, {@code \"},
 * {@code \n}), {@code NaN} and {@code +Inf} read as doubles. Enough to assert values without regular expressions over
 * the whole text.
 */
final class PrometheusText {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    private final List<Sample> samples;
    private final int bytes;

    private PrometheusText(List<Sample> samples, int bytes) {
        this.samples = samples;
        this.bytes = bytes;
    }

    /** GETs {@code baseUrl/q/metrics} and parses it. */
    static PrometheusText scrape(String baseUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(20)).header("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + baseUrl + "/q/metrics -> " + response.statusCode());
        }
        return parse(response.body());
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line.strip()));
            }
        }
        return new PrometheusText(samples, text.length());
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] fields = line.substring(rest).strip().split(" ");
        return new Sample(name, labels, number(fields[0]));
    }

    /** Reads {@code key="value",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> into) {
        int i = at;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            for (; line.charAt(j) != '"'; j++) {
                char ch = line.charAt(j);
                if (ch == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(ch);
                }
            }
            into.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    List<Sample> samples() {
        return samples;
    }

    /** Bytes of the scraped text. */
    int bytes() {
        return bytes;
    }

    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Samples of {@code name} whose labels include every {@code key, value} pair given. */
    List<Sample> matching(String name, String... labelPairs) {
        Predicate<Sample> match = s -> {
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                    return false;
                }
            }
            return true;
        };
        return all(name).stream().filter(match).toList();
    }

    /** The sum of the samples {@link #matching}; 0 when none match. */
    double sum(String name, String... labelPairs) {
        return matching(name, labelPairs).stream().mapToDouble(Sample::value).sum();
    }

    /** The one sample matching; fails when there is none or more than one. */
    Sample one(String name, String... labelPairs) {
        List<Sample> found = matching(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + " with " + List.of(labelPairs) + ", found " + found);
        }
        return found.get(0);
    }
}
