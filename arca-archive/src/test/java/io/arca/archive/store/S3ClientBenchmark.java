package io.arca.archive.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of bench/s3-client-benchmark.sh for one client: puts then gets chunk-sized objects (256 KiB to 4 MiB, mean
 * about 1.2 MiB, random bytes like encrypted chunks) through an {@link ObjectStore}, as many at a time as the worker
 * does (4 uploads in flight per backup; a restore of 2 tables reads 2 x 4 chunks ahead), after an untimed warm-up of
 * the same work (JIT). Prints one line: {@code client=… put_s=… put_cpu=… get_s=… get_cpu=… s3_put_cpu=… …}, CPU in
 * seconds of this process (every thread: the client's, its HTTP pool's, GC) and of the S3 server when its PID is
 * given. Each run is a JVM of its own, so the two clients never share a heap, a JIT or a connection pool.
 *
 * <pre>java -Xmx256m -cp … io.arca.archive.store.S3ClientBenchmark minio|aws ENDPOINT ACCESS SECRET REGION BUCKET
 *     MIB PUT_THREADS GET_THREADS [S3_SERVER_PID]</pre>
 */
public final class S3ClientBenchmark {
    private static final int[] SIZES_KIB = {256, 384, 512, 768, 1024, 1024, 1024, 1280, 1536, 2048, 3072, 4096};

    private S3ClientBenchmark() {
    }

    /** Held so the level set on it stays (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger ROOT = java.util.logging.Logger.getLogger("");

    public static void main(String[] args) throws Exception {
        // INFO, as in the services (Quarkus): a logger left at DEBUG turns on Apache HttpClient's wire log, which
        // formats every byte sent and received (measured: 5-10x the CPU of the whole put)
        ROOT.setLevel(java.util.logging.Level.INFO);
        if (org.slf4j.LoggerFactory.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()) {
            throw new IllegalStateException("the HTTP wire log is on: the benchmark would measure logging");
        }
        String client = args[0];
        ObjectStore store = switch (client) {
            case "minio" -> S3ObjectStore.create(args[1], args[2], args[3], args[4], args[5]);
            case "aws" -> AwsS3ObjectStore.create(args[1], args[2], args[3], args[4], args[5]);
            default -> throw new IllegalArgumentException("client must be minio or aws: " + client);
        };
        long totalBytes = Long.parseLong(args[6]) << 20;
        int putThreads = Integer.parseInt(args[7]);
        int getThreads = Integer.parseInt(args[8]);
        Path serverStat = args.length > 9 ? Path.of("/proc", args[9], "stat") : null;
        if (store instanceof S3ObjectStore s) {
            s.ensureBucket();
        } else {
            ((AwsS3ObjectStore) store).ensureBucket();
        }
        // one random array per size, made before timing: the loop measures the client, not the data's making
        byte[][] data = new byte[SIZES_KIB.length][];
        Random random = new Random(42);
        for (int i = 0; i < data.length; i++) {
            data[i] = new byte[SIZES_KIB[i] << 10];
            random.nextBytes(data[i]);
        }
        List<Integer> plan = plan(totalBytes, random);
        String prefix = "s3-client-bench/" + client + "-" + System.nanoTime() + "/";
        run(store, prefix + "warm/", data, plan.subList(0, Math.min(plan.size(), 64)), putThreads, getThreads,
                serverStat);
        Result r = run(store, prefix + "timed/", data, plan, putThreads, getThreads, serverStat);
        long bytes = plan.stream().mapToLong(i -> data[i].length).sum();
        System.out.printf("client=%s objects=%d mib=%.0f put_s=%.3f put_cpu=%.3f get_s=%.3f get_cpu=%.3f"
                + " s3_put_cpu=%.2f s3_get_cpu=%.2f%n", client, plan.size(), bytes / 1048576.0, r.putWall,
                r.putCpu, r.getWall, r.getCpu, r.serverPutCpu, r.serverGetCpu);
        if (store instanceof AutoCloseable c) {
            c.close();
        }
        System.exit(0); // the MinIO client's OkHttp threads would keep the JVM alive for a minute
    }

    /** Size indexes of objects adding up to about {@code totalBytes}. */
    private static List<Integer> plan(long totalBytes, Random random) {
        List<Integer> plan = new ArrayList<>();
        for (long sum = 0; sum < totalBytes; ) {
            int i = random.nextInt(SIZES_KIB.length);
            plan.add(i);
            sum += (long) SIZES_KIB[i] << 10;
        }
        return plan;
    }

    private record Result(double putWall, double putCpu, double getWall, double getCpu, double serverPutCpu,
            double serverGetCpu) {
    }

    private static Result run(ObjectStore store, String prefix, byte[][] data, List<Integer> plan, int putThreads,
            int getThreads, Path serverStat) throws Exception {
        double[] put = phase(putThreads, plan.size(), serverStat, n -> store.put(prefix + n, data[plan.get(n)]));
        double[] get = phase(getThreads, plan.size(), serverStat, n -> {
            if (store.get(prefix + n).length != data[plan.get(n)].length) {
                throw new IllegalStateException("object " + prefix + n + " came back with another length");
            }
        });
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < plan.size(); n++) {
            keys.add(prefix + n);
        }
        store.deleteAll(keys);
        return new Result(put[0], put[1], get[0], get[1], put[2], get[2]);
    }

    private interface Op {
        void run(int n) throws Exception;
    }

    /** Runs op(0..count-1) on {@code threads} threads: wall seconds, this process's CPU seconds, the server's. */
    private static double[] phase(int threads, int count, Path serverStat, Op op) throws Exception {
        AtomicInteger next = new AtomicInteger();
        double server0 = serverCpu(serverStat);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        op.run(n);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new double[] {wall, (processCpuNanos() - cpu0) / 1e9, serverCpu(serverStat) - server0};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of the server process in seconds (fields 14 and 15 of /proc/PID/stat, 100 ticks a second). */
    private static double serverCpu(Path stat) throws IOException {
        if (stat == null) {
            return 0;
        }
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
}
