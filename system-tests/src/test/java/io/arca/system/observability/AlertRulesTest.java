package io.arca.system.observability;

import static io.arca.system.observability.ObservabilityFiles.alertRules;
import static io.arca.system.observability.ObservabilityFiles.alertTests;
import static io.arca.system.observability.ObservabilityFiles.promtool;
import static io.arca.system.observability.ObservabilityFiles.read;
import static io.arca.system.observability.ObservabilityFiles.readYaml;
import static io.arca.system.observability.ObservabilityFiles.write;
import static io.arca.system.observability.ObservabilityFiles.writeBroken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.arca.system.deploy.CheckTools;
import io.arca.system.observability.AlertRules.Alert;
import io.arca.system.observability.AlertRules.Expectation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/observability/prometheus/arca-alerts.yml passes {@code promtool check rules} and its unit tests
 * (arca-alerts.test.yml) pass {@code promtool test rules}; each alert has a case where it fires and one where it does
 * not. Each promtool check is also run on a broken copy, to prove it fails and says why. Needs promtool only.
 */
class AlertRulesTest {
    private static final String LAG_FIRING_CASE = "      - eval_time: 16m\n        alertname: ArcaConsumerLagGrowing";
    private static final String LAG_RULE = "expr: max by (topic, group) (delta(arca_kafka_consumer_lag[5m])) > 0\n";

    @TempDir
    Path temp;

    @Test
    void rulesPassPromtoolCheck() {
        CheckTools.Result result = promtool(alertRules().getParent(), "check", "rules", "arca-alerts.yml");

        assertThat(result.ok()).as(result.output()).isTrue();
        int alerts = AlertRules.alerts(readYaml(alertRules())).size();
        assertThat(result.output()).contains("SUCCESS: " + alerts + " rules found");
    }

    @Test
    void promtoolCheckRejectsARuleWithBadPromQl() {
        writeBroken(temp.resolve("arca-alerts.yml"), read(alertRules()),
                "(arca_source_backup_late) > 0", "(arca_source_backup_late > 0");

        CheckTools.Result result = promtool(temp, "check", "rules", "arca-alerts.yml");

        assertThat(result.ok()).as(result.output()).isFalse();
        assertThat(result.output()).contains("\"ArcaBackupLate\"", "parse error: unclosed left parenthesis");
    }

    @Test
    void alertUnitTestsPass() {
        CheckTools.Result result = promtool(alertTests().getParent(), "test", "rules", "arca-alerts.test.yml");

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void alertUnitTestsFailOnAWrongExpectation() {
        write(temp.resolve("arca-alerts.yml"), read(alertRules()));
        // expects the lag alert at 15m, a minute before its `for: 15m` has passed since the condition began (1m)
        writeBroken(temp.resolve("arca-alerts.test.yml"), read(alertTests()), LAG_FIRING_CASE,
                LAG_FIRING_CASE.replace("16m", "15m"));

        CheckTools.Result result = promtool(temp, "test", "rules", "arca-alerts.test.yml");

        assertThat(result.ok()).as(result.output()).isFalse();
        assertThat(result.output()).contains("FAILED", "alertname: ArcaConsumerLagGrowing, time: 15m");
    }

    @Test
    void alertUnitTestsCatchARuleThatFiresBeforeFifteenMinutesOfGrowth() {
        writeBroken(temp.resolve("arca-alerts.yml"), read(alertRules()), LAG_RULE + "        for: 15m\n", LAG_RULE);
        write(temp.resolve("arca-alerts.test.yml"), read(alertTests()));

        CheckTools.Result result = promtool(temp, "test", "rules", "arca-alerts.test.yml");

        assertThat(result.ok()).as(result.output()).isFalse();
        assertThat(result.output()).contains("FAILED", "alertname: ArcaConsumerLagGrowing, time: 14m");
    }

    @Test
    void everyAlertHasASeverityItsAnnotationsAndAFiringAndANotFiringTest() {
        List<Alert> alerts = AlertRules.alerts(readYaml(alertRules()));
        List<Expectation> expectations = AlertRules.expectations(readYaml(alertTests()));

        assertThat(alerts).extracting(Alert::name).contains("ArcaBackupLate", "ArcaRestoreDrillOverdue",
                "ArcaJobsFailing", "ArcaConsumerLagGrowing", "ArcaOutboxStuck", "ArcaDeadLetters",
                "ArcaObjectStoreErrors", "ArcaCatalogUnreachable");
        assertThat(problems(alerts, expectations)).isEmpty();
    }

    @Test
    void theCoverageCheckNamesAnAlertWithoutTests() {
        JsonNode tests = readYaml(alertTests());
        ArrayNode cases = (ArrayNode) tests.get("tests");
        for (int i = cases.size() - 1; i >= 0; i--) {
            if (cases.get(i).path("name").asText().startsWith("dead letters")) {
                cases.remove(i);
            }
        }
        ((ArrayNode) cases.get(0).get("alert_rule_test")).addObject().put("alertname", "ArcaNoSuchAlert")
                .put("eval_time", "1m").putArray("exp_alerts");

        List<String> problems = problems(AlertRules.alerts(readYaml(alertRules())), AlertRules.expectations(tests));

        assertThat(problems).containsExactlyInAnyOrder("ArcaDeadLetters: no test case where it fires",
                "ArcaDeadLetters: no test case where it does not fire",
                "a test case expects ArcaNoSuchAlert, which no rule defines");
    }

    /** What the rules or their tests lack: severity, annotations, a firing and a not-firing case, known names. */
    private static List<String> problems(List<Alert> alerts, List<Expectation> expectations) {
        List<String> problems = new ArrayList<>();
        for (Alert alert : alerts) {
            String name = alert.name();
            if (!Set.of("critical", "warning").contains(alert.labels().getOrDefault("severity", ""))) {
                problems.add(name + ": severity is not critical or warning");
            }
            for (String key : List.of("summary", "description", "runbook_url")) {
                if (alert.annotations().getOrDefault(key, "").isBlank()) {
                    problems.add(name + ": no " + key + " annotation");
                }
            }
            if (expectations.stream().noneMatch(e -> e.alertName().equals(name) && e.expectsFiring())) {
                problems.add(name + ": no test case where it fires");
            }
            if (expectations.stream().noneMatch(e -> e.alertName().equals(name) && !e.expectsFiring())) {
                problems.add(name + ": no test case where it does not fire");
            }
        }
        // a test of a misspelt alert expects nothing and "passes" without testing anything
        expectations.stream().map(Expectation::alertName).distinct()
                .filter(name -> alerts.stream().noneMatch(a -> a.name().equals(name)))
                .forEach(name -> problems.add("a test case expects " + name + ", which no rule defines"));
        return problems;
    }
}
