package io.arca.export;

import io.arca.archive.key.DataKeys;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.BucketKeys;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * The rendering side of {@link BoundedMemoryTest}, run in its own small-heap JVM: renders a backup from a bucket on
 * disk in every format into a counting sink and prints the bytes and the peak heap use.
 */
public final class BoundedMemoryRender {
    private BoundedMemoryRender() {
    }

    public static void main(String[] args) throws Exception {
        Thread.ofPlatform().daemon().start(BoundedMemoryRender::sampleLiveHeap);
        DirectoryObjectStore store = new DirectoryObjectStore(Path.of(args[0]));
        String tenant = args[1];
        DataKeys master = DataKeys.fromBase64(args[3]);
        for (List<String> format : List.of(List.of("sql", "none"), List.of("sql", "gzip"), List.of("csv", "gzip"),
                List.of("json", "none"), List.of("archive", "none"))) {
            try (BackupReader reader = new BackupReader(store, tenant, new BucketKeys(store).keyRing(tenant, master))) {
                BackupContent content = BackupContent.read(reader, store, args[2], args[4]);
                RenderedExport export = BackupExports.prepare(content,
                        ExportRequest.parse(format.get(0), format.get(1), null));
                Counting out = new Counting();
                long start = System.nanoTime();
                export.writeTo(out);
                long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
                if (export.length().isPresent() && export.length().getAsLong() != out.bytes) {
                    throw new IllegalStateException(format + ": wrote " + out.bytes + " bytes, announced "
                            + export.length().getAsLong());
                }
                System.out.printf("%s/%s: %d bytes in %d ms; heap after GC peaked at %d KiB so far%n", format.get(0),
                        format.get(1), out.bytes, millis, liveHeapPeak >> 10);
            }
        }
    }

    private static volatile long liveHeapPeak;

    /** The heap in use right after each collection (what rendering keeps alive), sampled every few milliseconds. */
    private static void sampleLiveHeap() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
        while (true) {
            long live = pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
            liveHeapPeak = Math.max(liveHeapPeak, live);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
