package io.arca.system.observability;

import static io.arca.system.observability.ObservabilityFiles.dashboard;
import static io.arca.system.observability.ObservabilityFiles.promtool;
import static io.arca.system.observability.ObservabilityFiles.readJson;
import static io.arca.system.observability.ObservabilityFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.system.deploy.CheckTools;
import io.arca.system.observability.Dashboard.Query;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/observability/grafana/arca-overview.json: it has a uid, a schemaVersion and a Prometheus data-source variable
 * that every panel and variable uses, and every PromQL expression in it (panel targets, label_values variables) parses:
 * each becomes a recording rule of a generated rules file that {@code promtool check rules} must accept. Both checks are
 * also run on a broken copy, to prove they fail and name the panel. Needs promtool only.
 */
class DashboardTest {
    @TempDir
    Path temp;

    @Test
    void dashboardHasUidSchemaVersionAndADatasourceVariableEveryPanelUses() {
        JsonNode json = readJson(dashboard());
        Dashboard dashboard = new Dashboard(json);

        assertThat(dashboard.problems()).isEmpty();
        assertThat(json.path("uid").asText()).isEqualTo("arca-overview");
        assertThat(json.path("templating").path("list")).extracting(v -> v.path("name").asText())
                .contains("datasource", "tenant", "source");
        assertThat(dashboard.panels()).filteredOn(p -> !"row".equals(p.path("type").asText())).hasSizeGreaterThan(10);
    }

    @Test
    void theStructureCheckNamesAPanelWithoutTheDatasourceVariableAndAMissingUid() {
        ObjectNode json = (ObjectNode) readJson(dashboard());
        json.remove("uid");
        JsonNode panel = new Dashboard(json).panels().stream().filter(p -> p.path("title").asText()
                .equals("Consumer lag")).findFirst().orElseThrow();
        ((ObjectNode) panel.path("datasource")).put("uid", "prometheus-prod");

        assertThat(new Dashboard(json).problems()).containsExactly("no uid",
                "panel " + panel.path("id").asText() + " \"Consumer lag\": datasource is not ${datasource}");
    }

    @Test
    void everyPanelQueryPassesPromtool() {
        List<Query> queries = new Dashboard(readJson(dashboard())).queries();
        write(temp.resolve("dashboard-rules.yml"), Dashboard.rulesFile(queries));

        CheckTools.Result result = promtool(temp, "check", "rules", "dashboard-rules.yml");

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
        assertThat(queries).extracting(Query::expr).anyMatch(e -> e.contains("histogram_quantile(0.95"))
                .noneMatch(e -> e.contains("$"));
    }

    @Test
    void promtoolRejectsTheQueriesOfABrokenDashboard() {
        ObjectNode json = (ObjectNode) readJson(dashboard());
        JsonNode panel = new Dashboard(json).panels().stream().filter(p -> p.path("title").asText()
                .equals("Job duration (completed)")).findFirst().orElseThrow();
        ObjectNode target = (ObjectNode) panel.path("targets").get(0);
        target.put("expr", target.path("expr").asText().replace("[$__rate_interval]", "[$__rate_interval"));
        ((ObjectNode) panel.path("targets").get(1)).put("expr", "sum(rate(arca_jobs_finished_total[$unknown_var]))");
        write(temp.resolve("dashboard-rules.yml"), Dashboard.rulesFile(new Dashboard(json).queries()));

        CheckTools.Result result = promtool(temp, "check", "rules", "dashboard-rules.yml");

        assertThat(result.ok()).as(result.output()).isFalse();
        String id = panel.path("id").asText();
        assertThat(result.output()).contains("\"dashboard:panel_" + id + "_A\": could not parse expression",
                "\"dashboard:panel_" + id + "_B\": could not parse expression");
    }
}
