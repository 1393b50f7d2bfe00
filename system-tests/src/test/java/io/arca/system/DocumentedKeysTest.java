package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentedKeysTest {

    @Test
    void aLeadingDotContinuesThePreviousKeysPrefix() {
        assertThat(DocumentedKeys.keysOfCell("`arca.topics.jobs` / `.events` / `.jobs-dlq`"))
                .containsExactly("arca.topics.jobs", "arca.topics.events", "arca.topics.jobs-dlq");
        assertThat(DocumentedKeys.keysOfCell("`quarkus.datasource.username`, `.password`, `.jdbc.url`"))
                .containsExactly("quarkus.datasource.username", "quarkus.datasource.password",
                        "quarkus.datasource.jdbc.url");
    }

    @Test
    void environmentVariablesAndDefaultsAreNotKeys() {
        assertThat(DocumentedKeys.keysOfCell("`arca.security.master-key` (`ARCA_SECURITY_MASTER_KEY`), `10s`"))
                .containsExactly("arca.security.master-key");
    }

    @Test
    void aContinuationWithoutAKeyIsAnError() {
        assertThatThrownBy(() -> DocumentedKeys.keysOfCell("`.events`")).hasMessageContaining("continues no key");
    }

    @Test
    void onlyTheFirstCellOfTablesHeadedKeyCounts() {
        assertThat(DocumentedKeys.in(List.of(
                "| module | what |", "|---|---|", "| `arca.not.a-key` | x |", "",
                "| key | env | meaning |", "|---|---|---|", "| `arca.a.b`, `.c` | `ARCA_A_B` | see `arca.x.y` |",
                "text", "| key (env) | meaning |", "| --- | --- |", "| `arca.d.e` | |")))
                .containsExactly("arca.a.b", "arca.a.c", "arca.d.e");
    }
}
