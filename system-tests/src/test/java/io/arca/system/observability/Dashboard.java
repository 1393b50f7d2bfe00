package io.arca.system.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Grafana dashboard as the checks see it: its structure (uid, schemaVersion, a Prometheus data-source variable every
 * panel uses), and its PromQL (every panel target and every {@code label_values} variable query) with the Grafana
 * variables replaced by values Prometheus accepts, so promtool can parse each one.
 */
final class Dashboard {
    /** Grafana's built-in interval variables, as a typical Grafana would fill them in. */
    private static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "5m", "__interval", "1m",
            "__range", "1h", "__range_s", "3600");
    /** $name, ${name} and ${name:format}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[A-Za-z]+)?}|\\$([A-Za-z0-9_]+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*[A-Za-z_][A-Za-z0-9_]*\\)$");
    /** The oldest schema that writes a panel's datasource as {type, uid}, which the variable check relies on. */
    private static final int MIN_SCHEMA_VERSION = 36;

    /** One PromQL expression of the dashboard, named as a recording rule for promtool. */
    record Query(String record, String expr) {
    }

    private final JsonNode json;

    Dashboard(JsonNode json) {
        this.json = json;
    }

    /** What makes the dashboard unusable as provisioned, one line per problem; empty when none. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (json.path("uid").asText().isBlank()) {
            problems.add("no uid");
        }
        if (!json.path("schemaVersion").isInt() || json.path("schemaVersion").asInt() < MIN_SCHEMA_VERSION) {
            problems.add("schemaVersion is not a number >= " + MIN_SCHEMA_VERSION);
        }
        String datasource = datasourceVariable();
        if (datasource == null) {
            problems.add("no template variable of type datasource with query prometheus");
            return problems;
        }
        Set<String> uses = Set.of("${" + datasource + "}", "$" + datasource);
        for (JsonNode variable : json.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())
                    && !uses.contains(variable.path("datasource").path("uid").asText())) {
                problems.add("variable " + variable.path("name").asText() + " does not query ${" + datasource + "}");
            }
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels()) {
            String name = "panel " + panel.path("id").asText() + " \"" + panel.path("title").asText() + "\"";
            if (!ids.add(panel.path("id").asInt(-1))) {
                problems.add(name + ": id missing or not unique");
            }
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            if (!uses.contains(panel.path("datasource").path("uid").asText())) {
                problems.add(name + ": datasource is not ${" + datasource + "}");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(name + ": no targets");
            }
            for (JsonNode target : panel.path("targets")) {
                JsonNode targetSource = target.path("datasource");
                if (!targetSource.isMissingNode() && !uses.contains(targetSource.path("uid").asText())) {
                    problems.add(name + " target " + target.path("refId").asText() + ": datasource is not ${"
                            + datasource + "}");
                }
                if (target.path("expr").asText().isBlank()) {
                    problems.add(name + " target " + target.path("refId").asText() + ": no expr");
                }
            }
        }
        return problems;
    }

    /** Every panel target's expr and every label_values variable query's selector, variables replaced. */
    List<Query> queries() {
        Set<String> variables = new HashSet<>();
        json.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        List<Query> queries = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").path("query").asText().trim());
            if (labelValues.matches()) {
                queries.add(new Query("dashboard:variable_" + variable.path("name").asText(),
                        substitute(labelValues.group(1), variables)));
            }
        }
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("dashboard:panel_" + panel.path("id").asText() + "_"
                        + target.path("refId").asText(), substitute(target.path("expr").asText(), variables)));
            }
        }
        return queries;
    }

    /** A Prometheus rules file (JSON is YAML) with one recording rule per query, for {@code promtool check rules}. */
    static String rulesFile(List<Query> queries) {
        ObjectNode file = ObservabilityFiles.JSON.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject().put("name", "dashboard");
        ArrayNode rules = group.putArray("rules");
        queries.forEach(q -> rules.addObject().put("record", q.record()).put("expr", q.expr()));
        return file.toPrettyString();
    }

    /** Top-level panels and the panels of collapsed rows. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private String datasourceVariable() {
        for (JsonNode variable : json.path("templating").path("list")) {
            if ("datasource".equals(variable.path("type").asText())
                    && "prometheus".equals(variable.path("query").asText())) {
                return variable.path("name").asText();
            }
        }
        return null;
    }

    /**
     * Built-in intervals become durations, the dashboard's own variables (used in {@code =~} matchers) {@code .*};
     * an unknown variable is left in place, so promtool rejects the query rather than this method guessing.
     */
    private static String substitute(String expr, Set<String> variables) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = BUILT_INS.containsKey(name) ? BUILT_INS.get(name)
                    : variables.contains(name) ? ".*" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
