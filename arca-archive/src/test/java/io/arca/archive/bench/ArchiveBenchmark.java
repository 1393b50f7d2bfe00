package io.arca.archive.bench;

import io.arca.archive.format.Compression;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.key.KeyRing;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriteProgress;
import io.arca.archive.write.WriterOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and memory benchmark of the archive engine, side by side with {@code zstd -3 -T2} and
 * {@code sha256sum} on the same files in the same run. Run with {@code arca-archive/bench/run.sh}; results go to
 * {@code docs/benchmarks.md}. Modes:
 *
 * <ul>
 *   <li>{@code throughput <dir> <sizeMiB>}: generates {@code text.sql} (pagila pg_dump, repeated with a unique
 *       marker line every ~64 KiB so that every copy chunks differently: the first write really stores all chunks
 *       new) and {@code random.bin} ({@code /dev/urandom}); times sha256sum, zstd -3 -T2, Arca's first write
 *       (zstd 3, in-memory store, empty index), Arca's second write (same data, same index: all chunks reused)
 *       and reading the entry back; prints a markdown table.</li>
 *   <li>{@code memory <dir>}: writes text.sql + random.bin as one 2 GiB entry (run it with {@code -Xmx128m}) to a
 *       store that counts and drops chunk bytes, and prints the peak heap.</li>
 * </ul>
 */
public final class ArchiveBenchmark {
    private static final double MIB = 1024.0 * 1024.0;

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ArchiveBenchmark throughput <dir> [sizeMiB=1024] | memory <dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        long size = (args.length > 2 ? Long.parseLong(args[2]) : 1024) << 20;
        Path text = dir.resolve("text.sql");
        Path random = dir.resolve("random.bin");
        ensureText(text, size);
        ensureRandom(random, size);
        switch (args[0]) {
            case "throughput" -> throughput(switch (System.getProperty("arca.bench.inputs", "all")) {
                case "text" -> List.of(text);
                case "random" -> List.of(random);
                default -> List.of(text, random);
            });
            case "memory" -> memory(text, random);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Best (highest throughput) of {@code REPEAT} interleaved runs, against noise from other processes. */
    static final int REPEAT = Integer.getInteger("arca.bench.repeat", 2);

    /** One timed run: wall and CPU seconds. */
    record Timing(double wall, double cpu) {
    }

    static void throughput(List<Path> files) throws Exception {
        System.out.printf(Locale.ROOT, "JVM %s, %d processors, max heap %d MiB, load average before: %s%n%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());
        warmUp(files.get(0));
        System.out.println("| input | size | sha256sum | zstd -3 -T2 | Arca first write | Arca second write | "
                + "Arca read back | first / zstd | second / first | zstd output | Arca stored |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        StringBuilder cpuTable = new StringBuilder("| input | sha256sum | zstd -3 -T2 | Arca first write | "
                + "Arca second write | Arca read back |\n|---|---|---|---|---|---|\n");
        for (Path file : files) {
            long bytes = Files.size(file);
            run("cat", file.toString()); // page cache warm-up
            Timing sha = null;
            Timing zstd = null;
            Timing firstWrite = null;
            Timing secondWrite = null;
            Timing read = null;
            WriteProgress first = null;
            WriteProgress second = null;
            for (int r = 0; r < REPEAT; r++) {
                sha = best(sha, external("sha256sum '" + file + "'"));
                zstd = best(zstd, external("zstd -3 -T2 -q -c '" + file + "' | wc -c > '" + file + ".zstsize'"));
                InMemoryObjectStore store = new InMemoryObjectStore();
                InMemoryChunkIndex index = new InMemoryChunkIndex();
                WriteProgress[] p = new WriteProgress[1];
                firstWrite = best(firstWrite, timed(() -> p[0] = write(store, index, "first", file)));
                first = p[0];
                secondWrite = best(secondWrite, timed(() -> p[0] = write(store, index, "second", file)));
                second = p[0];
                read = best(read, timed(() -> readBack(store, "first")));
                if (second.chunksNew() != 0) {
                    throw new IllegalStateException("second write stored new chunks: " + second);
                }
            }
            long zstdSize = Long.parseLong(Files.readString(Path.of(file + ".zstsize")).trim());
            System.out.printf(Locale.ROOT, "| %s | %.0f MiB | %s | %s | %s (%d chunks new) | %s (%d reused) | %s "
                            + "| %.0f%% | %.1fx | %.0f MiB | %.0f MiB |%n",
                    file.getFileName(), bytes / MIB, rate(bytes, sha.wall), rate(bytes, zstd.wall),
                    rate(bytes, firstWrite.wall), first.chunksNew(), rate(bytes, secondWrite.wall),
                    second.chunksReused(), rate(bytes, read.wall), 100 * zstd.wall / firstWrite.wall,
                    firstWrite.wall / secondWrite.wall, zstdSize / MIB, first.bytesStored() / MIB);
            double gib = bytes / (MIB * 1024);
            cpuTable.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    file.getFileName(), sha.cpu / gib, zstd.cpu / gib, firstWrite.cpu / gib, secondWrite.cpu / gib,
                    read.cpu / gib));
        }
        System.out.println();
        System.out.println("CPU seconds per GiB (user + system, all threads; lower is better):");
        System.out.println();
        System.out.print(cpuTable);
        System.out.printf(Locale.ROOT, "%nload average after: %s%n", loadAverage());
    }

    /** JIT warm-up: a first and a second write of 128 MiB, not measured. */
    static void warmUp(Path file) throws Exception {
        byte[] head = new byte[128 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            InMemoryChunkIndex index = new InMemoryChunkIndex();
            NullObjectStore store = new NullObjectStore();
            write(store, index, "warm-1", new java.io.ByteArrayInputStream(head, 0, n));
            write(store, index, "warm-2", new java.io.ByteArrayInputStream(head, 0, n));
        }
    }

    static Timing best(Timing a, Timing b) {
        return a == null || b.wall < a.wall ? b : a;
    }

    static Timing timed(Timed t) throws Exception {
        System.gc();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        t.run();
        return new Timing((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
    }

    /** Runs a shell command; wall time measured here, CPU time (user + sys) by bash's {@code time}. */
    static Timing external(String command) throws Exception {
        Path cpuFile = Files.createTempFile("arca-bench", ".cpu");
        long start = System.nanoTime();
        run("bash", "-c", "TIMEFORMAT='%U %S'; { time { " + command + " ; } > /dev/null ; } 2> '" + cpuFile + "'");
        double wall = (System.nanoTime() - start) / 1e9;
        String[] userSys = Files.readString(cpuFile).trim().split("\\s+");
        Files.delete(cpuFile);
        return new Timing(wall, Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1]));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void memory(Path text, Path random) throws Exception {
        GcListener.install();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        NullObjectStore store = new NullObjectStore();
        long start = System.nanoTime();
        WriteProgress p;
        try (InputStream in = new SequenceInputStream(Files.newInputStream(text), Files.newInputStream(random))) {
            p = write(store, new InMemoryChunkIndex(), "two-gib", in);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        long afterGcPeak = GcListener.peakAfterGc;
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "- max heap (-Xmx): %d MiB%n- wrote %.0f MiB as one entry: %d chunks, %.0f MiB "
                        + "stored, in %.1f s (%s), no error%n- peak live heap (largest heap in use right after a GC): "
                        + "%.1f MiB%n- peak heap in use including garbage not yet collected (sampled every 5 ms): "
                        + "%.0f MiB%n- sum of the heap pools' peak usage: %.0f MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, p.bytesRead() / MIB, p.chunksNew() + p.chunksReused(),
                p.bytesStored() / MIB, secs, rate(p.bytesRead(), secs), afterGcPeak / MIB, sampler.peak / MIB,
                poolPeaks / MIB);
    }

    static WriteProgress write(ObjectStore store, InMemoryChunkIndex index, String backupId, Path file)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return write(store, index, backupId, in);
        }
    }

    static WriteProgress write(ObjectStore store, InMemoryChunkIndex index, String backupId, InputStream in)
            throws IOException {
        try (ArchiveWriter w = ArchiveWriter.builder(store, "bench", backupId).index(index)
                .options(WriterOptions.defaults().withCompression(Compression.zstd(3)).withThreads(2, 2)).open()) {
            w.writeEntry(EntrySpec.of("data", "table-data"), in);
            w.finish();
            return w.progress();
        }
    }

    static void readBack(ObjectStore store, String backupId) throws IOException {
        try (BackupReader reader = new BackupReader(store, "bench", KeyRing.none())) {
            Manifest m = reader.readManifest(backupId);
            try (InputStream in = reader.openEntry(m, "data")) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /** text.sql: the pagila pg_dump (schema + data), repeated, a marker line every ~64 KiB to make copies unique. */
    static void ensureText(Path text, long size) throws IOException {
        if (Files.exists(text) && Files.size(text) == size) {
            return;
        }
        Path pagila = Path.of(System.getProperty("arca.bench.pagila", "/work/shared/datasets/pagila"));
        byte[] dump;
        if (Files.exists(pagila.resolve("pagila-data.sql"))) {
            dump = concat(Files.readAllBytes(pagila.resolve("pagila-schema.sql")),
                    Files.readAllBytes(pagila.resolve("pagila-data.sql")));
        } else {
            dump = pgDumpLike();
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(text), 1 << 20)) {
            long written = 0;
            long copy = 0;
            while (written < size) {
                int pos = 0;
                while (pos < dump.length && written < size) {
                    int end = Math.min(dump.length, pos + 65536);
                    while (end < dump.length && dump[end - 1] != '\n') {
                        end++;
                    }
                    int n = (int) Math.min(end - pos, size - written);
                    out.write(dump, pos, n);
                    written += n;
                    pos = end;
                    byte[] marker = ("-- copy " + copy + " offset " + pos + "\n").getBytes(StandardCharsets.US_ASCII);
                    int m = (int) Math.min(marker.length, size - written);
                    out.write(marker, 0, m);
                    written += m;
                }
                copy++;
            }
        }
    }

    static void ensureRandom(Path random, long size) throws Exception {
        if (Files.exists(random) && Files.size(random) == size) {
            return;
        }
        run("sh", "-c", "head -c " + size + " /dev/urandom > '" + random + "'");
    }

    private static byte[] pgDumpLike() {
        StringBuilder sb = new StringBuilder();
        sb.append("COPY public.film (film_id, title, description) FROM stdin;\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append("\tFILM ").append(i * 7919 % 1000).append("\tA story about ").append(i % 97)
                    .append(" dogs\n");
        }
        return sb.append("\\.\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    interface Timed {
        void run() throws Exception;
    }

    static void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (cmd.get(0).equals("cat")) {
            cmd = List.of("sh", "-c", "cat '" + command[1] + "' > /dev/null");
        }
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("command failed: " + cmd);
        }
    }

    static String rate(long bytes, double seconds) {
        return String.format(Locale.ROOT, "%.0f MiB/s", bytes / MIB / seconds);
    }

    /** Records the largest heap usage right after a garbage collection (the live set, plus what survived). */
    static final class GcListener {
        static volatile long peakAfterGc;

        static void install() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!n.getType().equals(
                            com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData());
                    long used = 0;
                    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        if (pool.getType() == MemoryType.HEAP && after != null) {
                            used += after.getUsed();
                        }
                    }
                    peakAfterGc = Math.max(peakAfterGc, used);
                }, null, null);
            }
        }
    }

    /** Samples used heap (including not yet collected garbage) every 5 ms. */
    static final class HeapSampler extends Thread {
        volatile long peak;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (!isInterrupted()) {
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

}
