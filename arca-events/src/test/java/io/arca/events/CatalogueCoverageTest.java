package io.arca.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.common.job.JobKind;
import io.arca.jobs.JobFact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue covers every job fact the code can emit. Honest because the facts are a closed set: job events are
 * built only by {@code JobMessages.event}, which takes a {@link JobFact} (checked below: no other code builds a
 * {@code JobEvent}), and a fact names the kinds that may publish it (the platform's generic writes - claim,
 * heartbeat, complete, fail, defer, re-queue, cancel, record - apply to every kind).
 */
class CatalogueCoverageTest {

    private static Set<String> emittableFacts() {
        Set<String> facts = new TreeSet<>();
        for (JobFact f : JobFact.values()) {
            for (JobKind k : f.kinds()) {
                facts.add(f.eventType(k));
            }
        }
        return facts;
    }

    @Test
    void everyFactAJobCanEmitBecomesACatalogueType() {
        Set<String> published = new TreeSet<>();
        Arrays.stream(EventType.values()).filter(t -> t.from() != null).forEach(t -> published.add(t.from()));
        assertThat(published).as("facts without a catalogue line (add one to EventType)")
                .containsAll(emittableFacts());
        assertThat(emittableFacts()).hasSize(8 * JobKind.values().length + 2);
    }

    @Test
    void noCatalogueTypeWaitsForAFactNobodyEmits() {
        Set<String> facts = emittableFacts();
        for (EventType t : EventType.values()) {
            if (t.from() != null) {
                assertThat(facts).as(t.wireName() + " is ingested from " + t.from()).contains(t.from());
            }
        }
    }

    @Test
    void onlyJobMessagesBuildsJobEvents() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> builders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.toString().contains("/target/")).toList()) {
                if (Files.readString(p).contains("new JobEvent(")) {
                    builders.add(root.relativize(p).toString());
                }
            }
        }
        assertThat(builders).containsExactly("arca-jobs/src/main/java/io/arca/jobs/JobMessages.java");
    }
}
