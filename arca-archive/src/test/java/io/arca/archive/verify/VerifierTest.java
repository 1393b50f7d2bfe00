package io.arca.archive.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.TestData;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifierTest {
    final InMemoryObjectStore store = new InMemoryObjectStore();
    Manifest manifest;

    @BeforeEach
    void writeBackup() throws Exception {
        try (ArchiveWriter w = ArchiveWriter.builder(store, "t1", "b1").index(new InMemoryChunkIndex())
                .options(WriterOptions.defaults().withChunking(new ChunkerConfig(1024, 4096, 16384))).open()) {
            w.writeEntry(EntrySpec.of("a", "test"), new ByteArrayInputStream(TestData.text(1, 100_000)));
            w.writeEntry(EntrySpec.of("b", "test"), new ByteArrayInputStream(TestData.random(2, 100_000)));
            w.writeEntry(EntrySpec.of("empty", "test"), new ByteArrayInputStream(new byte[0]));
            manifest = w.finish();
        }
    }

    VerificationReport verify(Manifest m) {
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.none())) {
            return new Verifier(reader, 3).verify(m);
        }
    }

    @Test
    void anIntactBackupHasNoDefects() {
        VerificationReport report = verify(manifest);
        assertThat(report.ok()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(3);
        assertThat(report.bytesChecked()).isEqualTo(200_000);
        assertThat(report.chunksChecked()).isEqualTo(manifest.entries().stream().mapToLong(e -> e.chunks().size()).sum());
    }

    @Test
    void theListenerHearsOfEveryChunkAndEndsAtTheReportsTotals() {
        List<long[]> calls = new ArrayList<>();
        VerificationReport report;
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.none())) {
            report = new Verifier(reader, 3).verify(manifest, (chunks, bytes) -> calls.add(new long[] {chunks, bytes}));
        }
        assertThat(calls).hasSize((int) Verifier.chunkCount(manifest));
        assertThat(calls.getLast()).containsExactly(report.chunksChecked(), report.bytesChecked());
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isEqualTo(calls.get(i - 1)[0] + 1);
            assertThat(calls.get(i)[1]).isGreaterThanOrEqualTo(calls.get(i - 1)[1]);
        }
    }

    @Test
    void reportsEachBadChunkByEntryPositionNameAndReason() {
        List<ChunkRef> a = manifest.entry("a").orElseThrow().chunks();
        List<ChunkRef> b = manifest.entry("b").orElseThrow().chunks();
        String flippedKey = RepositoryLayout.chunkKey("t1", a.get(3).name());
        byte[] flipped = store.get(flippedKey);
        flipped[flipped.length / 2] ^= 1;
        store.put(flippedKey, flipped);
        store.delete(RepositoryLayout.chunkKey("t1", b.get(5).name()));
        byte[] truncated = store.get(RepositoryLayout.chunkKey("t1", b.get(7).name()));
        store.put(RepositoryLayout.chunkKey("t1", b.get(7).name()), java.util.Arrays.copyOf(truncated, 100));

        VerificationReport report = verify(manifest);
        assertThat(report.defects()).hasSize(3);
        Defect first = report.defects().get(0);
        assertThat(first.entry()).isEqualTo("a");
        assertThat(first.chunkIndex()).isEqualTo(3);
        assertThat(first.chunkName()).isEqualTo(a.get(3).name());
        assertThat(first.kind()).isIn(Defect.Kind.CORRUPT, Defect.Kind.HASH_MISMATCH);
        assertThat(report.defects().get(1)).extracting(Defect::entry, Defect::chunkIndex, Defect::kind)
                .containsExactly("b", 5, Defect.Kind.MISSING);
        assertThat(report.defects().get(2)).extracting(Defect::entry, Defect::chunkIndex, Defect::kind)
                .containsExactly("b", 7, Defect.Kind.TRUNCATED);
    }

    @Test
    void reportsAnEntryWhoseHashDoesNotMatch() {
        ManifestEntry a = manifest.entry("a").orElseThrow();
        ManifestEntry lying = new ManifestEntry("a", "test", null, null, null, a.size(), "ab".repeat(32), a.chunks());
        Manifest tampered = new Manifest(1, manifest.toolVersion(), "t1", "b1", manifest.createdAt(),
                manifest.source(), manifest.options(), List.of(lying));
        VerificationReport report = verify(tampered);
        assertThat(report.defects()).singleElement()
                .extracting(Defect::entry, Defect::chunkIndex, Defect::chunkName, Defect::kind)
                .containsExactly("a", -1, null, Defect.Kind.ENTRY_HASH_MISMATCH);
    }
}
