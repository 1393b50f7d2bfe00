package io.arca.archive.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.TestData;
import io.arca.archive.format.Compression;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.verify.Verifier;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntryOutputStream;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.SegmentedEntry;
import io.arca.archive.write.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden test vectors of manifest format version 2 (segmented entries), committed under
 * {@code src/test/resources/golden/v2}: an encrypted backup with a table data entry of three segments (the middle one
 * empty), as a split table's is written. Read on every build; never regenerated to make this test pass (a change
 * that breaks them means a version 3). To create: {@code -Dtest=GoldenSegmentedVectorsTest
 * -Darca.golden.regenerate=true}.
 */
class GoldenSegmentedVectorsTest {
    static final Path DIR = Path.of("src/test/resources/golden/v2");
    static final String TENANT = "golden-segmented";
    static final String BACKUP = "backup-1";
    static final List<byte[]> SEGMENTS = List.of(TestData.text(201, 9_000), new byte[0], TestData.text(202, 5_000));
    static final byte[] PRE_DATA = TestData.text(203, 1_500);

    @Test
    @EnabledIfSystemProperty(named = "arca.golden.regenerate", matches = "true")
    void regenerate() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        DataKeys master = DataKeys.fromBase64(GoldenVectorsTest.MASTER_KEY);
        WrappedDataKey wrapped = master.generate(TENANT);
        try (ArchiveWriter w = ArchiveWriter.builder(store, TENANT, BACKUP).index(new InMemoryChunkIndex())
                .clock(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
                .source(new SourceInfo("postgresql://golden:5432/pagila", "16.4",
                        Instant.parse("2026-11-30T23:59:59Z"), Map.of("database", "pagila")))
                .options(WriterOptions.defaults().withChunking(GoldenVectorsTest.CHUNKING)
                        .withCompression(Compression.zstd(3)))
                .encryption(master.unwrap(wrapped), wrapped).open()) {
            w.writeEntry(EntrySpec.of("pre-data", "pre-data"), new ByteArrayInputStream(PRE_DATA));
            SegmentedEntry entry = w.openSegmentedEntry(new EntrySpec("data/16385", "table-data", "public", "rental",
                    null), SEGMENTS.size());
            for (int i = SEGMENTS.size() - 1; i >= 0; i--) {
                try (EntryOutputStream out = entry.segment(i)) {
                    out.write(SEGMENTS.get(i));
                }
            }
            entry.setRowCount(300L);
            entry.finish();
            w.finish();
        }
        Path bucket = DIR.resolve("bucket");
        try (Stream<ObjectInfo> all = store.list("")) {
            for (ObjectInfo o : all.toList()) {
                Path file = bucket.resolve(o.key());
                Files.createDirectories(file.getParent());
                Files.write(file, store.get(o.key()));
            }
        }
    }

    @Test
    void version2ArchivesReadBackWholeBySegmentAndVerify() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Path bucket = DIR.resolve("bucket");
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                store.put(bucket.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        try (ArchiveRepository repository = ArchiveRepository.open(store, TENANT,
                DataKeys.fromBase64(GoldenVectorsTest.MASTER_KEY))) {
            BackupReader reader = repository.reader();
            Manifest manifest = reader.readManifest(BACKUP);
            assertThat(manifest.formatVersion()).isEqualTo(2);
            ManifestEntry entry = manifest.entry("data/16385").orElseThrow();
            assertThat(entry.segments()).extracting(EntrySegment::size).containsExactly(9_000L, 0L, 5_000L);
            assertThat(entry.rowCount()).isEqualTo(300L);
            assertThat(manifest.entry("pre-data").orElseThrow().segmented()).isFalse();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            SEGMENTS.forEach(whole::writeBytes);
            assertThat(read(reader.openEntry(manifest, "data/16385"))).isEqualTo(whole.toByteArray());
            for (int i = 0; i < SEGMENTS.size(); i++) {
                assertThat(read(reader.openSegment(entry, i))).isEqualTo(SEGMENTS.get(i));
            }
            assertThat(read(reader.openEntry(manifest, "pre-data"))).isEqualTo(PRE_DATA);
            assertThat(new Verifier(reader).verify(manifest).defects()).isEmpty();
        }
    }

    private static byte[] read(InputStream in) throws Exception {
        try (in) {
            return in.readAllBytes();
        }
    }
}
