package io.arca.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** When a missing dataset skips a test and when it fails it. */
class DatasetsTest {
    private static final List<String> FILES = List.of("pagila-schema.sql", "pagila-data.sql");
    private static final Map<String, String> REQUIRE_INFRA = Map.of("ARCA_REQUIRE_INFRA", "true");

    @TempDir
    Path work;

    @Test
    void foundNextToTheRepository() throws IOException {
        Path pagila = dataset(work.resolve("shared/datasets/pagila"), FILES);
        assertEquals(pagila, Datasets.require("pagila", FILES, REQUIRE_INFRA, repository()));
    }

    @Test
    void foundWhereArcaDatasetsDirPointsEitherAtTheDatasetsOrAtThePagilaDirectory() throws IOException {
        Path pagila = dataset(work.resolve("elsewhere/pagila"), FILES);
        assertEquals(pagila, Datasets.require("pagila", FILES,
                Map.of("ARCA_DATASETS_DIR", work.resolve("elsewhere").toString()), repository()));
        assertEquals(pagila, Datasets.require("pagila", FILES, Map.of("ARCA_DATASETS_DIR", pagila.toString()),
                repository()));
    }

    @Test
    void aUsersCloneWithoutSharedSkipsSayingWhyEvenWhenInfrastructureIsRequired() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Datasets.require("pagila", FILES, REQUIRE_INFRA, repository()));
        assertTrue(skipped.getMessage().contains("has no pagila-schema.sql, pagila-data.sql"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("ARCA_DATASETS_DIR"), skipped.getMessage());
    }

    @Test
    void anIncompleteSharedDatasetFailsWhenInfrastructureIsRequired() throws IOException {
        dataset(work.resolve("shared/datasets/pagila"), List.of("pagila-schema.sql"));
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> Datasets.require("pagila", FILES, REQUIRE_INFRA, repository()));
        assertTrue(failed.getMessage().contains("has no pagila-data.sql"), failed.getMessage());
    }

    @Test
    void aMissingDatasetFailsWhenSharedExistsAndInfrastructureIsRequired() throws IOException {
        Files.createDirectories(work.resolve("shared"));
        assertThrows(IllegalStateException.class,
                () -> Datasets.require("pagila", FILES, REQUIRE_INFRA, repository()));
        assertThrows(TestAbortedException.class, () -> Datasets.require("pagila", FILES, Map.of(), repository()),
                "without ARCA_REQUIRE_INFRA it skips");
    }

    @Test
    void aMissingConfiguredDirectoryFailsWhenInfrastructureIsRequired() {
        assertThrows(IllegalStateException.class, () -> Datasets.require("pagila", FILES,
                Map.of("ARCA_REQUIRE_INFRA", "true", "ARCA_DATASETS_DIR", work.resolve("nowhere").toString()),
                repository()));
    }

    private Path repository() {
        return work.resolve("arca");
    }

    private static Path dataset(Path dir, List<String> files) throws IOException {
        Files.createDirectories(dir);
        for (String file : files) {
            Files.writeString(dir.resolve(file), "-- " + file);
        }
        return dir;
    }
}
