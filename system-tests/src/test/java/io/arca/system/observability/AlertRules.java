package io.arca.system.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alerting rules of a Prometheus rules file and the alert names its promtool unit tests expect. */
final class AlertRules {

    /** One alerting rule: its name, expression, labels and annotations. */
    record Alert(String name, String expr, Map<String, String> labels, Map<String, String> annotations) {
    }

    /** One {@code alert_rule_test} entry: the alert it is about, and whether it expects any alert at all. */
    record Expectation(String testName, String alertName, String evalTime, boolean expectsFiring) {
    }

    private AlertRules() {
    }

    static List<Alert> alerts(JsonNode rulesFile) {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : rulesFile.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.hasNonNull("alert")) {
                    alerts.add(new Alert(rule.get("alert").asText(), rule.path("expr").asText(),
                            strings(rule.path("labels")), strings(rule.path("annotations"))));
                }
            }
        }
        return alerts;
    }

    static List<Expectation> expectations(JsonNode testFile) {
        List<Expectation> expectations = new ArrayList<>();
        for (JsonNode test : testFile.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                expectations.add(new Expectation(test.path("name").asText(), check.path("alertname").asText(),
                        check.path("eval_time").asText(), !check.path("exp_alerts").isEmpty()));
            }
        }
        return expectations;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
