package io.arca.archive.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.ArchiveException;
import io.arca.archive.TestData;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.format.Compression;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.KeyRing;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import io.arca.archive.verify.Verifier;
import io.arca.common.crypto.SecretSealer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ArchiveWriterTest {
    static final ChunkerConfig SMALL = new ChunkerConfig(1024, 4096, 16384);
    static final WriterOptions OPTIONS = WriterOptions.defaults().withChunking(SMALL).withThreads(2, 3);

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final InMemoryChunkIndex index = new InMemoryChunkIndex();

    ArchiveWriter.Builder writer(String backupId) {
        return ArchiveWriter.builder(store, "t1", backupId).index(index).options(OPTIONS);
    }

    /** Property: random streams of random sizes, including empty and exact chunk-boundary sizes, come back. */
    @Test
    void randomStreamsOfRandomAndBoundarySizesRoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(2026);
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, 1023, 1024, 1025, 4096, 16383, 16384, 16385, 32768,
                49152, 3 * 16384 + 1));
        for (int i = 0; i < 12; i++) {
            sizes.add(random.nextInt(0, 300_000));
        }
        DataKeys master = new DataKeys(new SecretSealer(new byte[32]));
        WrappedDataKey wrapped = master.generate("t1");
        DataKey key = master.unwrap(wrapped);
        int round = 0;
        for (Compression compression : List.of(Compression.zstd(3), Compression.gzip(1), Compression.NONE)) {
            for (boolean encrypted : List.of(false, true)) {
                String backupId = "b" + round++;
                ArchiveWriter.Builder builder = writer(backupId).options(OPTIONS.withCompression(compression));
                if (encrypted) {
                    builder.encryption(key, wrapped);
                }
                List<byte[]> inputs = new ArrayList<>();
                try (ArchiveWriter w = builder.open()) {
                    for (int i = 0; i < sizes.size(); i++) {
                        byte[] data = i % 2 == 0 ? TestData.random(random.nextLong(), sizes.get(i))
                                : TestData.text(random.nextLong(), sizes.get(i));
                        inputs.add(data);
                        if (i % 3 == 0) {
                            w.writeEntry(EntrySpec.of("e" + i, "test"), new ByteArrayInputStream(data));
                        } else {
                            try (EntryOutputStream out = w.openEntry(EntrySpec.of("e" + i, "test"))) {
                                writeInRandomPieces(out, data, random);
                            }
                        }
                    }
                    w.finish();
                }
                try (BackupReader reader = new BackupReader(store, "t1", encrypted ? KeyRing.of(key) : KeyRing.none())) {
                    Manifest m = reader.readManifest(backupId);
                    assertThat(m.options().encrypted()).isEqualTo(encrypted);
                    assertThat(m.options().compression()).isEqualTo(compression.codec().label());
                    for (int i = 0; i < sizes.size(); i++) {
                        try (InputStream in = reader.openEntry(m, "e" + i)) {
                            assertThat(in.readAllBytes()).as("%s encrypted=%s entry %d size %d", compression,
                                    encrypted, i, sizes.get(i)).isEqualTo(inputs.get(i));
                        }
                    }
                    assertThat(new Verifier(reader).verify(m).defects()).isEmpty();
                }
            }
        }
    }

    static void writeInRandomPieces(OutputStream out, byte[] data, SplittableRandom random) throws Exception {
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, random.nextInt(1, 40_000));
            if (n == 1) {
                out.write(data[off]);
            } else {
                out.write(data, off, n);
            }
            off += n;
        }
    }

    @Test
    void entriesWrittenConcurrentlyFromSeveralThreadsAllLandInTheManifestInOpenOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        byte[][] inputs = new byte[8][];
        try (ArchiveWriter w = writer("par").options(OPTIONS.withMemoryBudget(2L * SMALL.maxSize())).open()) {
            List<EntryOutputStream> outs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inputs[i] = TestData.text(i, 200_000 + i * 1000);
                outs.add(w.openEntry(new EntrySpec("data/public.t" + i, "table-data", "public", "t" + i, null)));
            }
            List<Future<EntryResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    EntryOutputStream out = outs.get(n);
                    writeInRandomPieces(out, inputs[n], new SplittableRandom(n));
                    out.setRowCount(n * 10L);
                    return out.finish();
                }));
            }
            for (Future<EntryResult> f : results) {
                assertThat(f.get().entry().chunks()).isNotEmpty();
            }
            Manifest m = w.finish();
            assertThat(m.entries()).extracting(ManifestEntry::name)
                    .containsExactly("data/public.t0", "data/public.t1", "data/public.t2", "data/public.t3",
                            "data/public.t4", "data/public.t5", "data/public.t6", "data/public.t7");
            assertThat(m.entries().get(3).rowCount()).isEqualTo(30L);
            assertThat(m.entries().get(3).table()).isEqualTo("t3");
            assertThat(m.entries().get(3).kind()).isEqualTo("table-data");
        } finally {
            pool.shutdown();
        }
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.none())) {
            Manifest m = reader.readManifest("par");
            for (int i = 0; i < 8; i++) {
                try (InputStream in = reader.openEntry(m, "data/public.t" + i)) {
                    assertThat(in.readAllBytes()).isEqualTo(inputs[i]);
                }
            }
        }
    }

    @Test
    void aSecondWriteOfTheSameDataReusesEveryChunkAndReportsProgress() throws Exception {
        byte[] data = TestData.text(5, 1_000_000);
        AtomicReference<WriteProgress> first = new AtomicReference<>();
        try (ArchiveWriter w = writer("one").progress(first::set).open()) {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(data));
            w.finish();
            assertThat(w.progress().chunksReused()).isZero();
            assertThat(w.progress().bytesRead()).isEqualTo(data.length);
        }
        int objects = store.size();
        AtomicReference<WriteProgress> second = new AtomicReference<>();
        try (ArchiveWriter w = writer("two").progress(second::set).open()) {
            EntryResult r = w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(data));
            assertThat(r.newChunks()).isZero();
            assertThat(r.bytesStored()).isZero();
            w.finish();
        }
        assertThat(first.get().chunksNew()).isPositive();
        assertThat(first.get().bytesStored()).isPositive().isLessThan(data.length);
        assertThat(second.get()).isEqualTo(new WriteProgress(data.length, 0, 0, first.get().chunksNew()));
        assertThat(store.size()).isEqualTo(objects + 1); // only the second manifest
        assertThat(index.references("t1", "two")).isEqualTo(index.references("t1", "one"));
    }

    @Test
    void repeatedContentInOneBackupIsStoredOnce() throws Exception {
        byte[] zeros = new byte[5 * SMALL.maxSize()];
        try (ArchiveWriter w = writer("zeros").open()) {
            EntryResult r = w.writeEntry(EntrySpec.of("z", "test"), new ByteArrayInputStream(zeros));
            assertThat(r.entry().chunks()).hasSize(5);
            assertThat(r.newChunks()).isEqualTo(1);
            assertThat(r.reusedChunks()).isEqualTo(4);
            w.finish();
        }
    }

    @Test
    void theManifestIsTheLastObjectWritten() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ObjectStore recording = new DelegatingStore(store) {
            @Override
            public void put(String key, byte[] data) {
                order.add(key);
                super.put(key, data);
            }
        };
        try (ArchiveWriter w = ArchiveWriter.builder(recording, "t1", "order").index(index).options(OPTIONS).open()) {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(TestData.random(1, 200_000)));
            w.finish();
        }
        assertThat(order).hasSizeGreaterThan(5);
        assertThat(order.get(order.size() - 1)).isEqualTo(RepositoryLayout.manifestKey("t1", "order"));
    }

    @Test
    void aFailedUploadFailsTheBackupAndNoManifestIsWritten() {
        ObjectStore failing = new DelegatingStore(store) {
            @Override
            public void put(String key, byte[] data) {
                throw new ObjectStoreException("disk full", false, null);
            }
        };
        ArchiveWriter w = ArchiveWriter.builder(failing, "t1", "fail").index(index).options(OPTIONS).open();
        assertThatThrownBy(() -> {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(TestData.random(1, 500_000)));
            w.finish();
        }).isInstanceOf(ArchiveException.class).hasMessageContaining("disk full");
        assertThatThrownBy(w::finish).isInstanceOf(ArchiveException.class);
        w.close();
        assertThat(store.exists(RepositoryLayout.manifestKey("t1", "fail"))).isFalse();
    }

    @Test
    void closingWithoutFinishAbandonsTheBackup() throws Exception {
        ArchiveWriter w = writer("abandoned").open();
        w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(TestData.random(1, 100_000)));
        w.close();
        assertThat(store.exists(RepositoryLayout.manifestKey("t1", "abandoned"))).isFalse();
        assertThatThrownBy(() -> w.openEntry(EntrySpec.of("f", "test"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void misuseIsRefused() throws Exception {
        try (ArchiveWriter w = writer("misuse").open()) {
            EntryOutputStream open = w.openEntry(EntrySpec.of("e", "test"));
            assertThatThrownBy(() -> w.openEntry(EntrySpec.of("e", "other")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("[e]");
            open.close();
            open.close(); // idempotent
            assertThatThrownBy(() -> open.write(1)).isInstanceOf(IllegalStateException.class);
            assertThat(w.finish().entries()).hasSize(1);
        }
        assertThatThrownBy(() -> ArchiveWriter.builder(store, "t1", "../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveWriter.builder(store, "t1", "x").open())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void progressIsMonotonicFromConcurrentThreads() throws Exception {
        List<WriteProgress> seen = new CopyOnWriteArrayList<>();
        try (ArchiveWriter w = writer("prog").progress(seen::add).open()) {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(TestData.random(9, 400_000)));
            w.finish();
        }
        assertThat(seen).isNotEmpty();
        WriteProgress last = seen.stream().max((a, b) -> Long.compare(a.chunksNew() + a.chunksReused(),
                b.chunksNew() + b.chunksReused())).orElseThrow();
        assertThat(last.bytesRead()).isEqualTo(400_000);
    }
}
