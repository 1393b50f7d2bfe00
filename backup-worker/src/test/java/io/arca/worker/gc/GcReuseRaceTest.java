package io.arca.worker.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.index.ChunkIndex.StoredChunk;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.arca.worker.chunkindex.CatalogChunkIndex;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The race of issue item 5, deterministically: a backup reusing and uploading chunks (the real
 * {@link CatalogChunkIndex} calls and real object puts) interleaved step by step with one garbage collection batch
 * ({@link GcBatch}'s steps on one connection, then commit) and an orphan-adoption pass, in an order chosen by a seeded
 * random generator, {@value #INTERLEAVINGS} times. A backup step that waits for a lock GC holds is seen waiting
 * ({@code pg_blocking_pids}), and then only GC can move until it commits. After each interleaving: every chunk the
 * backup references, and every chunk row of the tenant, has its object in the bucket.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class GcReuseRaceTest {
    private static final Logger LOG = Logger.getLogger(GcReuseRaceTest.class);
    static final int INTERLEAVINGS = 300;
    private static final int CHUNKS = 3;

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    CatalogChunkIndex index;

    /** How a chunk name starts: a row old enough to collect (unreferenced or referenced), a lone object, nothing. */
    enum Start { OLD_UNREFERENCED, OLD_REFERENCED, ORPHAN_OBJECT, NOTHING }

    private int blockedSteps;
    private long gcDeleted;
    private long adopted;

    @Test
    void aBackupThatReusesChunksWhileGcRunsNeverReferencesAMissingChunk() throws Exception {
        try (ExecutorService backupThread = Executors.newSingleThreadExecutor()) {
            for (int seed = 0; seed < INTERLEAVINGS; seed++) {
                interleave(seed, backupThread);
            }
        }
        LOG.infof("%d interleavings: backup steps blocked by gc %d, chunks gc deleted %d, orphans adopted %d",
                INTERLEAVINGS, blockedSteps, gcDeleted, adopted);
        assertThat(blockedSteps).as("interleavings where the backup waited for gc's lock").isGreaterThan(10);
        assertThat(gcDeleted).as("chunks gc deleted while backups ran").isGreaterThan(50);
        assertThat(adopted).as("orphans adopted").isGreaterThan(10);
    }

    private void interleave(int seed, ExecutorService backupThread) throws Exception {
        Random random = new Random(seed);
        Fixtures f = new Fixtures(db);
        String tenant = f.tenantId.toString();
        UUID source = f.source("not_connected_to");
        UUID backup = f.pendingBackup(source, "{}");
        UUID other = f.pendingBackup(source, "{}");
        List<String> names = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            String name = sha256(seed + "/" + i + "/" + tenant);
            names.add(name);
            Start start = Start.values()[random.nextInt(Start.values().length)];
            if (start != Start.NOTHING) {
                store.put(RepositoryLayout.chunkKey(tenant, name), name.getBytes(StandardCharsets.UTF_8));
            }
            if (start == Start.OLD_UNREFERENCED || start == Start.OLD_REFERENCED) {
                f.exec("insert into chunks (tenant_id, name, stored_size, created_at) "
                        + "values (?, ?, 64, now() - interval '2 days')", f.tenantId, name);
            }
            if (start == Start.OLD_REFERENCED) {
                f.exec("insert into backup_chunks (backup_id, tenant_id, chunk_name) values (?, ?, ?)", other,
                        f.tenantId, name);
            }
            if (start == Start.ORPHAN_OBJECT) {
                orphans.add(RepositoryLayout.chunkKey(tenant, name));
            }
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(1));
        BackupActor backupActor = new BackupActor(tenant, backup.toString(), names);
        try (GcActor gc = new GcActor(f.tenantId, cutoff, Set.copyOf(orphans), random.nextBoolean())) {
            Future<?> waiting = null;
            while (!backupActor.done() || !gc.done()) {
                boolean gcMoves = waiting != null || backupActor.done() || (!gc.done() && random.nextBoolean());
                if (gcMoves) {
                    gc.step();
                    if (waiting != null && settle(waiting, gc.pid)) {
                        waiting = null;
                    }
                } else {
                    Future<?> step = backupThread.submit(() -> {
                        backupActor.step();
                        return null;
                    });
                    if (!settle(step, gc.pid)) {
                        waiting = step;
                        blockedSteps++;
                    }
                }
            }
            gcDeleted += gc.deleted;
            adopted += gc.adopted;
        }

        List<String> referenced = strings(f, "select chunk_name from backup_chunks where backup_id = ?", backup);
        assertThat(referenced).as("seed %d: the backup references every chunk it wrote", seed)
                .containsExactlyInAnyOrderElementsOf(names);
        for (String name : strings(f, "select name from chunks where tenant_id = ?", f.tenantId)) {
            assertThat(store.exists(RepositoryLayout.chunkKey(tenant, name)))
                    .as("seed %d: chunk %s has a row (referenced: %s) but no object", seed, name,
                            referenced.contains(name)).isTrue();
        }
    }

    /**
     * Waits until the backup's step is done (true; its failure is rethrown) or waits for a lock gc's session holds
     * (false).
     */
    private boolean settle(Future<?> step, int gcPid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (step.isDone()) {
                step.get();
                return true;
            }
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
                ps.setInt(1, gcPid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return false;
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the backup's step neither finished nor waited for gc");
    }

    /** A backup's chunk-index protocol, one call per step: reuse; if not found, upload, then record the upload. */
    private final class BackupActor {
        private final String tenant;
        private final String backupId;
        private final List<String> names;
        private int chunk;
        private int phase;

        BackupActor(String tenant, String backupId, List<String> names) {
            this.tenant = tenant;
            this.backupId = backupId;
            this.names = names;
        }

        boolean done() {
            return chunk == names.size();
        }

        void step() {
            String name = names.get(chunk);
            switch (phase) {
                case 0 -> {
                    boolean found = index.reuse(tenant, backupId, List.of(name)).containsKey(name);
                    phase = found ? 0 : 1;
                    chunk += found ? 1 : 0;
                }
                case 1 -> {
                    store.put(RepositoryLayout.chunkKey(tenant, name), name.getBytes(StandardCharsets.UTF_8));
                    phase = 2;
                }
                default -> {
                    index.recordUploaded(tenant, backupId, List.of(new StoredChunk(name, 64)));
                    phase = 0;
                    chunk++;
                }
            }
        }
    }

    /**
     * One gc batch, a step per call (lock, re-check, delete objects, delete rows, commit), and one adoption pass (list
     * the prefix, adopt) before or after it. Orphans planted by the test are listed as modified long ago.
     */
    private final class GcActor implements AutoCloseable {
        private final Connection c;
        private final int pid;
        private final UUID tenantId;
        private final Instant cutoff;
        private final Set<String> oldObjects;
        private final List<String> steps;
        private final GcBatch batch;
        private int next;
        long deleted;
        long adopted;

        GcActor(UUID tenantId, Instant cutoff, Set<String> oldObjects, boolean adoptFirst) throws Exception {
            this.c = db.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select pg_backend_pid()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                this.pid = rs.getInt(1);
            }
            c.commit();
            this.tenantId = tenantId;
            this.cutoff = cutoff;
            this.oldObjects = oldObjects;
            List<String> batchSteps = List.of("lock", "recheck", "objects", "rows", "commit");
            this.steps = new ArrayList<>(adoptFirst ? List.of("adopt") : List.of());
            steps.addAll(batchSteps);
            if (!adoptFirst) {
                steps.add("adopt");
            }
            this.batch = new GcBatch(c, store, tenantId);
        }

        boolean done() {
            return next == steps.size();
        }

        void step() throws Exception {
            switch (steps.get(next++)) {
                case "lock" -> batch.lockCandidates(null, cutoff, 100);
                case "recheck" -> batch.recheck();
                case "objects" -> batch.deleteObjects();
                case "rows" -> deleted += batch.deleteRows();
                case "commit" -> c.commit();
                default -> adopt();
            }
        }

        private void adopt() throws Exception {
            String prefix = RepositoryLayout.chunksPrefix(tenantId.toString());
            List<ObjectInfo> page;
            try (Stream<ObjectInfo> listed = store.list(prefix)) {
                page = listed.map(o -> oldObjects.contains(o.key())
                        ? new ObjectInfo(o.key(), o.size(), Instant.EPOCH) : o).toList();
            }
            adopted += OrphanAdoption.adopt(c, tenantId, OrphanAdoption.eligible(tenantId, page, cutoff));
            c.commit();
        }

        @Override
        public void close() throws Exception {
            c.rollback();
            c.setAutoCommit(true);
            c.close();
        }
    }

    private static List<String> strings(Fixtures f, String sql, Object param) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = f.db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
