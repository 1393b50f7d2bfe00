package io.arca.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/events.md lists every catalogue type in its table, with its audience: the catalogue and its docs agree. */
class EventsDocsTest {

    @Test
    void theCatalogueTableListsEveryTypeWithItsAudience() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("../docs/events.md")).stream()
                .filter(l -> l.startsWith("| `")).toList();
        List<String> missing = Arrays.stream(EventType.values())
                .filter(t -> rows.stream().noneMatch(r -> r.startsWith("| `" + t.wireName() + "` | "
                        + t.audience().name().toLowerCase() + " |")))
                .map(EventType::wireName).toList();
        assertThat(missing).as("types missing from docs/events.md's catalogue table (| `type` | audience | ...)")
                .isEmpty();
    }
}
