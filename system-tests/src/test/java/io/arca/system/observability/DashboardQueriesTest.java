package io.arca.system.observability;

import static io.arca.system.observability.ObservabilityFiles.dashboard;
import static io.arca.system.observability.ObservabilityFiles.promtool;
import static io.arca.system.observability.ObservabilityFiles.readJson;
import static io.arca.system.observability.ObservabilityFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.system.deploy.CheckTools;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet overview's counts are right where it is easy to get them wrong: two scheduler replicas export the same
 * per-source gauges (count each source once), and the folded series {@code _other} holds how many folded sources are
 * late or overdue (count it by its value). The dashboard's own queries run in {@code promtool test rules} against
 * such series; a naive {@code sum(...)} is shown to fail the same test. Needs promtool only.
 */
class DashboardQueriesTest {
    /** Two scheduler replicas; acme/orders late and overdue, acme/billing neither, 3 folded sources late, 2 overdue. */
    private static final Map<String, String> SERIES = Map.of(
            "arca_source_backup_late{instance=\"s1\",tenant=\"acme\",source=\"orders\"}", "1x10",
            "arca_source_backup_late{instance=\"s2\",tenant=\"acme\",source=\"orders\"}", "1x10",
            "arca_source_backup_late{instance=\"s1\",tenant=\"acme\",source=\"billing\"}", "0x10",
            "arca_source_backup_late{instance=\"s1\",tenant=\"_other\",source=\"_other\"}", "3x10",
            "arca_source_backup_late{instance=\"s2\",tenant=\"_other\",source=\"_other\"}", "3x10",
            "arca_source_drill_overdue{instance=\"s1\",tenant=\"acme\",source=\"orders\"}", "1x10",
            "arca_source_drill_overdue{instance=\"s2\",tenant=\"acme\",source=\"orders\"}", "1x10",
            "arca_source_drill_overdue{instance=\"s2\",tenant=\"_other\",source=\"_other\"}", "2x10",
            "arca_sources{instance=\"s1\"}", "1002x10",
            "arca_sources{instance=\"s2\"}", "1002x10");

    @TempDir
    Path temp;

    @Test
    void fleetOverviewCountsEachSourceOnceAndTheFoldedOnesByTheirValue() {
        ObjectNode tests = testFile();
        expect(tests, stat("Late sources"), 4);
        expect(tests, stat("Drills overdue"), 3);
        expect(tests, stat("Sources"), 1002);
        write(temp.resolve("queries.test.yml"), tests.toPrettyString());

        CheckTools.Result result = promtool(temp, "test", "rules", "queries.test.yml");

        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void aQueryThatCountsReplicasTwiceFailsTheSameTest() {
        ObjectNode tests = testFile();
        expect(tests, "sum(arca_source_backup_late)", 4);
        write(temp.resolve("queries.test.yml"), tests.toPrettyString());

        CheckTools.Result result = promtool(temp, "test", "rules", "queries.test.yml");

        assertThat(result.ok()).as(result.output()).isFalse();
        assertThat(result.output()).contains("expr: \"sum(arca_source_backup_late)\"", "exp: {} 4E+00", "got: {} 8E+00");
    }

    private static String stat(String title) {
        Dashboard dashboard = new Dashboard(readJson(dashboard()));
        JsonNode panel = dashboard.panels().stream().filter(p -> p.path("title").asText().equals(title)
                && "stat".equals(p.path("type").asText())).findFirst().orElseThrow(() -> new AssertionError(
                        "the dashboard has no stat panel \"" + title + "\""));
        return panel.path("targets").get(0).path("expr").asText();
    }

    private static ObjectNode testFile() {
        ObjectNode file = ObservabilityFiles.JSON.createObjectNode();
        file.putArray("rule_files");
        file.put("evaluation_interval", "1m");
        ObjectNode test = file.putArray("tests").addObject().put("interval", "1m");
        ArrayNode input = test.putArray("input_series");
        SERIES.forEach((series, values) -> input.addObject().put("series", series).put("values", values));
        test.putArray("promql_expr_test");
        return file;
    }

    private static void expect(ObjectNode file, String expr, double value) {
        ObjectNode check = ((ArrayNode) file.get("tests").get(0).get("promql_expr_test")).addObject()
                .put("expr", expr).put("eval_time", "5m");
        check.putArray("exp_samples").addObject().put("labels", "{}").put("value", value);
    }
}
