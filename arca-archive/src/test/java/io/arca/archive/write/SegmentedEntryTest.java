package io.arca.archive.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.ArchiveException;
import io.arca.archive.TestData;
import io.arca.archive.format.CorruptPayloadException;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.KeyRing;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.EntryHash;
import io.arca.archive.manifest.EntrySegment;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.manifest.UnsupportedManifestVersionException;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.verify.Defect;
import io.arca.archive.verify.VerificationReport;
import io.arca.archive.verify.Verifier;
import io.arca.common.crypto.SecretSealer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Entries written as segments in parallel (manifest format version 2): read back whole and segment by segment, each
 * segment checked against its own hash, chunks of an unchanged segment reused, defects named by segment, and
 * manifests whose version does not match their entries refused.
 */
class SegmentedEntryTest {
    final InMemoryObjectStore store = new InMemoryObjectStore();
    final InMemoryChunkIndex index = new InMemoryChunkIndex();
    final DataKeys master = new DataKeys(new SecretSealer(new byte[32]));
    final WrappedDataKey wrapped = master.generate("t1");
    final DataKey key = master.unwrap(wrapped);
    final KeyRing keys = KeyRing.of(key);

    /** Segments of 0 bytes, one odd size and several chunks each, written from three threads at once. */
    final List<byte[]> segments = List.of(TestData.text(1, 70_000), new byte[0], TestData.random(2, 50_001),
            TestData.text(3, 33_333));

    @Test
    void segmentsWrittenInParallelReadBackWholeAndOneByOne() throws Exception {
        Manifest manifest = backup("b1", segments);
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.SEGMENTED_FORMAT_VERSION);
        ManifestEntry entry = manifest.entry("data/1").orElseThrow();
        assertThat(entry.segments()).extracting(EntrySegment::size).containsExactly(70_000L, 0L, 50_001L, 33_333L);
        assertThat(entry.sha256()).isEqualTo(EntryHash.ofSegments(entry.segments()));
        assertThat(entry.rowCount()).isEqualTo(42L);
        assertThat(manifest.entry("pre-data").orElseThrow().segmented()).isFalse();

        try (BackupReader reader = new BackupReader(store, "t1", keys)) {
            Manifest read = reader.readManifest("b1");
            assertThat(read).isEqualTo(manifest);
            assertThat(readAll(reader.openEntry(read, "data/1"))).isEqualTo(concat(segments));
            for (int i = 0; i < segments.size(); i++) {
                assertThat(readAll(reader.openSegment(entry, i))).as("segment %d", i).isEqualTo(segments.get(i));
            }
            assertThat(readAll(reader.openEntry(entry, 70_000 + 1000))).isEqualTo(
                    java.util.Arrays.copyOfRange(concat(segments), 71_000, 153_334));
            VerificationReport report = new Verifier(reader).verify(read);
            assertThat(report.defects()).isEmpty();
            assertThat(report.bytesChecked()).isEqualTo(153_334 + 5_000);
        }
    }

    @Test
    void aBackupWithoutSegmentedEntriesStaysVersionOne() throws Exception {
        try (ArchiveWriter w = ArchiveWriter.builder(store, "t1", "plain").index(index)
                .options(ArchiveWriterTest.OPTIONS).encryption(key, wrapped).open()) {
            w.writeEntry(EntrySpec.of("pre-data", "pre-data"), new java.io.ByteArrayInputStream(new byte[10]));
            assertThat(w.finish().formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        }
    }

    @Test
    void anUnchangedSegmentReusesItsChunksWhateverHappensInTheOthers() throws Exception {
        backup("first", segments);
        List<byte[]> changed = new ArrayList<>(segments);
        byte[] second = segments.get(2).clone();
        second[25_000] ^= 1;
        changed.set(2, second);
        Manifest next = backup("second", changed);
        ManifestEntry before = backupEntry("first");
        ManifestEntry after = next.entry("data/1").orElseThrow();
        List<String> old = before.chunks().stream().map(c -> c.name()).toList();
        int firstOfThird = after.segments().get(0).chunks() + after.segments().get(1).chunks();
        int third = after.segments().get(2).chunks();
        for (int i = 0; i < after.chunks().size(); i++) {
            boolean inChanged = i >= firstOfThird && i < firstOfThird + third;
            if (!inChanged) {
                assertThat(old).as("chunk %d, outside the changed segment", i).contains(after.chunks().get(i).name());
            }
        }
        assertThat(after.chunks().subList(firstOfThird, firstOfThird + third)).anyMatch(c -> !old.contains(c.name()));
    }

    @Test
    void aCorruptChunkIsNamedWithItsSegmentAndTheOtherSegmentsStillRead() throws Exception {
        Manifest manifest = backup("b1", segments);
        ManifestEntry entry = manifest.entry("data/1").orElseThrow();
        int bad = entry.segments().get(0).chunks() + entry.segments().get(1).chunks(); // the third segment's first
        String badKey = RepositoryLayout.chunkKey("t1", entry.chunks().get(bad).name());
        byte[] stored = store.get(badKey);
        stored[stored.length - 1] ^= 1;
        store.put(badKey, stored);
        try (BackupReader reader = new BackupReader(store, "t1", keys)) {
            VerificationReport report = new Verifier(reader).verify(manifest);
            assertThat(report.defects()).singleElement().satisfies(d -> {
                assertThat(d.entry()).isEqualTo("data/1");
                assertThat(d.chunkIndex()).isEqualTo(bad);
                assertThat(d.kind()).isEqualTo(Defect.Kind.AUTHENTICATION_FAILED);
            });
            assertThat(readAll(reader.openSegment(entry, 0))).isEqualTo(segments.get(0));
            assertThat(readAll(reader.openSegment(entry, 3))).isEqualTo(segments.get(3));
            assertThatThrownBy(() -> readAll(reader.openSegment(entry, 2))).isInstanceOf(ArchiveException.class);
        }
    }

    @Test
    void manifestsWhoseVersionOrSegmentsDoNotAddUpAreRefused() throws Exception {
        Manifest manifest = backup("b1", segments);
        String json = new String(ManifestFormat.toJson(manifest), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManifestFormat.fromJson(bytes(json.replace("\"formatVersion\":2",
                "\"formatVersion\":1")))).isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("formatVersion 1 but has segmented entries");
        assertThatThrownBy(() -> ManifestFormat.fromJson(bytes(json.replace("\"formatVersion\":2",
                "\"formatVersion\":3")))).isInstanceOf(UnsupportedManifestVersionException.class)
                .hasMessageContaining("reads 1 to 2");
        EntrySegment first = manifest.entry("data/1").orElseThrow().segments().get(0);
        assertThatThrownBy(() -> ManifestFormat.fromJson(bytes(json.replace(first.sha256(),
                "0".repeat(64))))).isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("not its segments' hash");
        assertThatThrownBy(() -> ManifestFormat.fromJson(bytes(json.replace("\"size\":70000,", "\"size\":70001,"))))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("its segments hold");
    }

    @Test
    void anEntryIsRecordedOnlyOnceEverySegmentIsFinished() {
        try (ArchiveWriter w = ArchiveWriter.builder(store, "t1", "b3").index(index).options(ArchiveWriterTest.OPTIONS)
                .open()) {
            SegmentedEntry entry = w.openSegmentedEntry(EntrySpec.of("data/1", "table-data"), 2);
            entry.segment(0).finish();
            assertThatThrownBy(entry::finish).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("segment 1 of entry data/1 is not opened");
            assertThatThrownBy(() -> entry.segment(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> entry.segment(2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("data/1");
        }
    }

    private Manifest backup(String backupId, List<byte[]> parts) throws Exception {
        try (ArchiveWriter w = ArchiveWriter.builder(store, "t1", backupId).index(index)
                .options(ArchiveWriterTest.OPTIONS).encryption(key, wrapped).open();
             ExecutorService threads = Executors.newFixedThreadPool(3)) {
            w.writeEntry(EntrySpec.of("pre-data", "pre-data"), new java.io.ByteArrayInputStream(TestData.text(9, 5000)));
            SegmentedEntry entry = w.openSegmentedEntry(new EntrySpec("data/1", "table-data", "public", "t", null),
                    parts.size());
            List<Future<?>> done = new ArrayList<>();
            for (int i = parts.size() - 1; i >= 0; i--) {
                int segment = i;
                done.add(threads.submit(() -> {
                    try (EntryOutputStream out = entry.segment(segment)) {
                        byte[] data = parts.get(segment);
                        for (int off = 0; off < data.length; off += 7_777) {
                            out.write(data, off, Math.min(7_777, data.length - off));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            entry.setRowCount(42);
            entry.finish();
            return w.finish();
        }
    }

    private ManifestEntry backupEntry(String backupId) {
        try (BackupReader reader = new BackupReader(store, "t1", keys)) {
            return reader.readManifest(backupId).entry("data/1").orElseThrow();
        }
    }

    private static byte[] readAll(InputStream in) throws Exception {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
