package io.arca.archive.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.TestData;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.index.ChunkIndex;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.store.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * While uploads do not drain, the writer takes no more chunk bytes than its plaintext budget and upload slots hold,
 * whatever the input size: writers block instead of buffering.
 */
class BoundedMemoryTest {
    static final ChunkerConfig SMALL = new ChunkerConfig(1024, 4096, 16384);

    @Test
    void writersBlockWhenTheBudgetIsInFlight() throws Exception {
        CountDownLatch uploadsMayProceed = new CountDownLatch(1);
        InMemoryObjectStore memory = new InMemoryObjectStore();
        DelegatingStore slow = new DelegatingStore(memory) {
            @Override
            public void put(String key, byte[] data) {
                try {
                    uploadsMayProceed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.put(key, data);
            }
        };
        byte[] data = TestData.random(1, 100 * SMALL.maxSize()); // ~400 chunks
        Map<String, Integer> sizes = new java.util.HashMap<>(); // chunk name -> plaintext length
        for (byte[] chunk : io.arca.archive.chunk.Chunker.split(data, SMALL)) {
            sizes.put(io.arca.archive.key.ChunkNamer.forKey(null).name(chunk, 0, chunk.length), chunk.length);
        }
        AtomicLong bytesTaken = new AtomicLong();
        InMemoryChunkIndex delegate = new InMemoryChunkIndex();
        ChunkIndex counting = new ChunkIndex() {
            @Override
            public Map<String, Long> reuse(String tenant, String backupId, Collection<String> names) {
                bytesTaken.addAndGet(names.stream().mapToLong(n -> sizes.getOrDefault(n, 0)).sum());
                return delegate.reuse(tenant, backupId, names);
            }

            @Override
            public void recordUploaded(String tenant, String backupId, List<StoredChunk> chunks) {
                delegate.recordUploaded(tenant, backupId, chunks);
            }
        };
        try (ArchiveWriter w = ArchiveWriter.builder(slow, "t1", "bounded").index(counting)
                .options(WriterOptions.defaults().withChunking(SMALL).withThreads(2, 2)
                        .withMemoryBudget(3L * SMALL.maxSize()))
                .open()) {
            Thread writer = new Thread(() -> {
                try {
                    w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(data));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            writer.join(500);
            assertThat(writer.isAlive()).as("writer blocked").isTrue();
            // the plaintext budget (3 max-size chunks) + 2 upload slots + 2 compression threads holding an encoded
            // chunk, each at most a max-size chunk
            assertThat(bytesTaken.get()).isPositive().isLessThanOrEqualTo((3L + 2 + 2) * SMALL.maxSize());

            uploadsMayProceed.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(writer.isAlive()).isFalse();
            assertThat(w.finish().entries().get(0).size()).isEqualTo(data.length);
        }
    }

    @Test
    void closingFromAnotherThreadStopsBlockedWritersWithoutHanging() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        DelegatingStore stuck = new DelegatingStore(new InMemoryObjectStore()) {
            @Override
            public void put(String key, byte[] data) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.arca.archive.store.ObjectStoreException("interrupted", true, e);
                }
            }
        };
        ArchiveWriter w = ArchiveWriter.builder(stuck, "t1", "cancelled").index(new InMemoryChunkIndex())
                .options(WriterOptions.defaults().withChunking(SMALL).withThreads(2, 2)).open();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (EntryOutputStream out = w.openEntry(EntrySpec.of("e", "test"))) {
                out.write(TestData.random(2, 50 * SMALL.maxSize()));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        writer.join(300);
        assertThat(writer.isAlive()).isTrue();
        w.close(); // e.g. the job was cancelled
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(writer.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(io.arca.archive.ArchiveException.class);
    }
}
