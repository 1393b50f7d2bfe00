package io.arca.archive.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.arca.archive.chunk.Chunker;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.format.Compression;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.ChunkNamer;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The golden vectors' PostgreSQL backup: tenant {@code golden-postgresql} of {@code golden/v1/bucket}, a backup laid
 * out as the worker writes one (entry names and kinds of docs/archive-format.md §9, the dump plan last), whose
 * entries are arca-pg's golden dump ({@code arca-pg/src/test/resources/golden/dump-v1}, which arca-pg restores on
 * every build). {@code expected-postgresql.json} lists each entry's name, kind, table, row count, size and
 * SHA-256. Never regenerate to make this test pass. To create:
 * {@code -Dtest=GoldenPostgresqlBackupTest -Darca.golden.regenerate=postgresql}.
 */
class GoldenPostgresqlBackupTest {
    static final String TENANT = "golden-postgresql";
    static final Path EXPECTED = GoldenVectorsTest.DIR.resolve("expected-postgresql.json");
    /** Read only when regenerating: the golden dump of the module that owns the entry formats. */
    static final Path GOLDEN_DUMP = Path.of("../arca-pg/src/test/resources/golden/dump-v1");
    static final List<String> KINDS = List.of("pre-data", "table-data", "large-objects", "sequence-values",
            "post-data", "dump-plan");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @EnabledIfSystemProperty(named = "arca.golden.regenerate", matches = "postgresql")
    void regenerate() throws Exception {
        byte[] planBytes = Files.readAllBytes(GOLDEN_DUMP.resolve("dump-plan.json"));
        JsonNode plan = JSON.readTree(planBytes);
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArrayNode expected = JSON.createArrayNode();
        try (ArchiveWriter w = ArchiveWriter.builder(store, TENANT, GoldenVectorsTest.BACKUP)
                .index(new InMemoryChunkIndex())
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .source(new SourceInfo("postgresql://golden:5432/arca golden", plan.path("serverVersion").asText(),
                        Instant.parse(plan.path("snapshotTime").asText()), Map.of("database", "arca golden")))
                .options(WriterOptions.defaults().withChunking(GoldenVectorsTest.CHUNKING)
                        .withCompression(Compression.zstd(3)).withRequestedOptions(Map.of("type", "full")))
                .open()) {
            for (JsonNode e : plan.path("entries")) {
                EntrySpec spec = new EntrySpec(e.path("name").asText(), e.path("kind").asText(), text(e, "schema"),
                        text(e, "table"), e.hasNonNull("rows") ? e.get("rows").asLong() : null);
                byte[] content = Files.readAllBytes(GOLDEN_DUMP.resolve("entries").resolve(spec.name()));
                w.writeEntry(spec, new ByteArrayInputStream(content));
                expected.add(expectation(spec, content));
            }
            EntrySpec planSpec = EntrySpec.of("dump-plan", "dump-plan");
            w.writeEntry(planSpec, new ByteArrayInputStream(planBytes));
            expected.add(expectation(planSpec, planBytes));
            w.finish();
        }
        Path bucket = GoldenVectorsTest.DIR.resolve("bucket");
        try (Stream<ObjectInfo> all = store.list("")) {
            for (ObjectInfo o : all.toList()) {
                Path file = bucket.resolve(o.key());
                Files.createDirectories(file.getParent());
                Files.write(file, store.get(o.key()));
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(EXPECTED.toFile(), expected);
    }

    @Test
    void aPostgresqlBackupWrittenByFormatVersion1ReadsWithItsEntryNamesAndKinds() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Path bucket = GoldenVectorsTest.DIR.resolve("bucket");
        Path tenantDir = bucket.resolve(RepositoryLayout.tenantPrefix(TENANT));
        try (Stream<Path> files = Files.walk(tenantDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                store.put(bucket.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        JsonNode expected = JSON.readTree(EXPECTED.toFile());
        try (ArchiveRepository repo = ArchiveRepository.open(store, TENANT, null)) {
            Manifest m = repo.readManifest(GoldenVectorsTest.BACKUP);
            List<String> names = new ArrayList<>();
            expected.forEach(e -> names.add(e.path("name").asText()));
            assertThat(m.entries()).extracting(ManifestEntry::name).containsExactlyElementsOf(names);
            assertThat(m.entries()).extracting(ManifestEntry::name).filteredOn(n -> !n.startsWith("data/"))
                    .containsExactly("pre-data", "large-objects", "sequence-values", "post-data", "dump-plan");
            assertThat(m.entries()).filteredOn(e -> e.name().startsWith("data/"))
                    .allSatisfy(e -> assertThat(e.name()).matches("data/[1-9][0-9]*"))
                    .allSatisfy(e -> assertThat(e.kind()).isEqualTo("table-data"))
                    .allSatisfy(e -> assertThat(e.schema()).isNotNull());
            assertThat(m.entries()).extracting(ManifestEntry::kind).allMatch(KINDS::contains)
                    .containsAll(KINDS);
            for (int i = 0; i < m.entries().size(); i++) {
                ManifestEntry e = m.entries().get(i);
                JsonNode x = expected.get(i);
                assertThat(e.kind()).isEqualTo(x.path("kind").asText());
                assertThat(e.schema()).isEqualTo(text(x, "schema"));
                assertThat(e.table()).isEqualTo(text(x, "table"));
                assertThat(e.rowCount()).isEqualTo(x.hasNonNull("rowCount") ? x.get("rowCount").asLong() : null);
                assertThat(e.size()).isEqualTo(x.path("size").asLong());
                assertThat(e.sha256()).isEqualTo(x.path("sha256").asText());
                byte[] plaintext;
                try (InputStream in = repo.reader().openEntry(m, e.name())) {
                    plaintext = in.readAllBytes();
                }
                assertThat(GoldenVectorsTest.sha256(plaintext)).isEqualTo(x.path("sha256").asText());
                ChunkerConfig chunking = new ChunkerConfig(m.options().chunkMinSize(), m.options().chunkAvgSize(),
                        m.options().chunkMaxSize());
                assertThat(Chunker.split(plaintext, chunking).stream().map(ChunkNamer.forKey(null)::name).toList())
                        .isEqualTo(e.chunks().stream().map(ChunkRef::name).toList());
            }
            JsonNode plan;
            try (InputStream in = repo.reader().openEntry(m, "dump-plan")) {
                plan = JSON.readTree(in);
            }
            assertThat(plan.path("version").asInt()).isEqualTo(2);
            assertThat(repo.verifier().verify(m).defects()).isEmpty();
        }
    }

    private static JsonNode expectation(EntrySpec spec, byte[] content) throws Exception {
        return JSON.createObjectNode().put("name", spec.name()).put("kind", spec.kind()).put("schema", spec.schema())
                .put("table", spec.table()).put("rowCount", spec.rowCount()).put("size", content.length)
                .put("sha256", GoldenVectorsTest.sha256(content));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
