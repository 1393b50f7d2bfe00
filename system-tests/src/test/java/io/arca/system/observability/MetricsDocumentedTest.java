package io.arca.system.observability;

import static io.arca.system.observability.ObservabilityFiles.alertRules;
import static io.arca.system.observability.ObservabilityFiles.dashboard;
import static io.arca.system.observability.ObservabilityFiles.operationsDoc;
import static io.arca.system.observability.ObservabilityFiles.read;
import static io.arca.system.observability.ObservabilityFiles.readJson;
import static io.arca.system.observability.ObservabilityFiles.readYaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.arca.system.observability.AlertRules.Alert;
import io.arca.system.observability.Dashboard.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules cannot drift from what Arca exports: every arca_* metric their PromQL uses is a row
 * of docs/operations.md's Metrics table (a histogram's _bucket/_sum/_count and a counter's _total count as their base
 * row), and every alert's runbook_url points at a heading of docs/operations.md. Needs no infrastructure.
 */
class MetricsDocumentedTest {
    private static final String RUNBOOK_PREFIX = "docs/operations.md#";

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsInTheMetricsTable() {
        Set<String> used = new TreeSet<>();
        new Dashboard(readJson(dashboard())).queries().stream().map(Query::expr)
                .forEach(expr -> used.addAll(MetricNames.used(expr)));
        AlertRules.alerts(readYaml(alertRules())).forEach(a -> used.addAll(MetricNames.used(a.expr())));
        Set<String> documented = MetricNames.documented(read(operationsDoc()));

        assertThat(used).contains("arca_source_backup_late", "arca_jobs_duration_seconds_bucket");
        assertThat(documented).as("arca_* rows of docs/operations.md's Metrics table").isNotEmpty();
        assertThat(MetricNames.undocumented(used, documented))
                .as("metrics the dashboard or the alert rules use that docs/operations.md does not document").isEmpty();
    }

    @Test
    void theDriftCheckMapsDerivedSeriesToTheirRowAndNamesWhatIsMissing() {
        String table = """
                | name | type | labels | meaning |
                |---|---|---|---|
                | `arca_jobs_duration_seconds` | histogram | kind, outcome | job durations |
                | `arca_dead_letters_total` | counter | reason | dead letters |
                | `arca_backup_dedup_ratio` | summary | - | per backup |
                Prose that mentions `arca_sources` is not a row.
                """;
        Set<String> used = Set.of("arca_jobs_duration_seconds_bucket", "arca_jobs_duration_seconds_count",
                "arca_dead_letters_total", "arca_backup_dedup_ratio_sum", "arca_sources", "arca_jobs_finished_total");

        assertThat(MetricNames.undocumented(used, MetricNames.documented(table)))
                .containsExactly("arca_jobs_finished_total", "arca_sources");
    }

    @Test
    void everyRunbookUrlPointsAtAHeadingOfOperationsMd() {
        List<Alert> alerts = AlertRules.alerts(readYaml(alertRules()));

        assertThat(brokenRunbookLinks(alerts, read(operationsDoc()))).isEmpty();
    }

    @Test
    void theRunbookCheckNamesAnAlertWhoseHeadingIsMissing() {
        List<Alert> alerts = AlertRules.alerts(readYaml(alertRules()));
        String withoutOne = read(operationsDoc()).replace("### ArcaOutboxStuck", "### Outbox stuck");

        assertThat(brokenRunbookLinks(alerts, withoutOne))
                .containsExactly("ArcaOutboxStuck: docs/operations.md#arcaoutboxstuck");
    }

    private static List<String> brokenRunbookLinks(List<Alert> alerts, String doc) {
        Set<String> anchors = MetricNames.anchors(doc);
        List<String> broken = new ArrayList<>();
        for (Alert alert : alerts) {
            String url = alert.annotations().getOrDefault("runbook_url", "");
            if (!url.startsWith(RUNBOOK_PREFIX) || !anchors.contains(url.substring(RUNBOOK_PREFIX.length()))) {
                broken.add(alert.name() + ": " + url);
            }
        }
        return broken;
    }
}
