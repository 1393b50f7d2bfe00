package io.arca.api.console.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.console.restore.RestoreWizard.TableChoice;
import io.arca.pg.TablePattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wizard's table patterns select exactly their table; options and durations read as the pages print them. */
class RestoreWizardTextTest {

    @Test
    void aTablesPatternSelectsThatTableAloneWhateverItsName() {
        assertThat(TableChoice.of("public", "orders").pattern()).isEqualTo("public.orders");
        TableChoice dotted = TableChoice.of("my.schema", "Weird \"Name\"");
        assertThat(dotted.pattern()).isEqualTo("\"my.schema\".\"Weird \"\"Name\"\"\"");
        TablePattern pattern = TablePattern.of(dotted.pattern());
        assertThat(pattern.matches("my.schema", "Weird \"Name\"")).isTrue();
        assertThat(pattern.matches("my", "schema.Weird \"Name\"")).isFalse();
        assertThat(TablePattern.of("public.orders").matches("public", "orders")).isTrue();
    }

    @Test
    void storedOptionsInWords() {
        assertThat(RestoreOptionsText.of(Map.of("tables", List.of("public.orders"), "dropExisting", true,
                "confirmDataLoss", true, "safetyBackup", true)))
                .containsExactly("Tables: public.orders", "Mode: drop what exists and re-create it (dropExisting)",
                        "Data loss confirmed: yes", "Safety backup of what is overwritten: yes");
        assertThat(RestoreOptionsText.of(Map.of("tables", List.of(), "mode", "merge", "onConflict", "overwrite",
                "safetyBackup", false)))
                .containsExactly("Tables: all of the backup's",
                        "Mode: merge rows by primary key, conflicts: overwrite",
                        "Safety backup of what is overwritten: no");
    }

    @Test
    void shortDurationsSayUnderASecond() {
        assertThat(RestorePageView.durationText(Duration.ofMillis(300))).isEqualTo("under a second");
        assertThat(RestorePageView.durationText(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(new PreviewView.Estimate(Duration.ofMinutes(3), 1, "x").text()).isEqualTo("about 3 min");
    }

    @Test
    void aSuggestedNameStaysWithinPostgresLimit() {
        assertThat(RestoreWizards.suggestedName("shop")).isEqualTo("shop_restored");
        assertThat(RestoreWizards.suggestedName("x".repeat(60))).hasSize(63);
        assertThat(RestoreWizards.suggestedName(null)).isEqualTo("restored");
    }
}
