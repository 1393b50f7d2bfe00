package io.arca.worker.chunkindex;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.index.ChunkIndex.StoredChunk;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.storage.ObjectStoreProducer;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The locking contract of {@link CatalogChunkIndex} against the real catalog: "reuse" and garbage collection
 * exclude each other by row locks on {@code chunks}. The collector is played by the test with the statements the
 * contract gives it (hold the candidate {@code FOR UPDATE}, re-check its references, delete it or keep it);
 * waiting is observed, not assumed: a session is blocked when {@code pg_blocking_pids} names the other one.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class CatalogChunkIndexTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Chunk names sort like their insertion order, so a lookup of both locks {@link #FIRST} before {@link #SECOND}. */
    private static final String FIRST = "aa".repeat(32);
    private static final String SECOND = "ff".repeat(32);

    @Inject
    AgroalDataSource db;
    @Inject
    CatalogChunkIndex index;
    @Inject
    ObjectStore store;
    @Inject
    ObjectStoreProducer storage;

    private Fixtures f;
    private String tenant;
    private String oldBackup;
    private String newBackup;

    @BeforeEach
    void chunksThatNoBackupReferencesAnyMore() throws Exception {
        f = new Fixtures(db);
        tenant = f.tenantId.toString();
        UUID source = f.source("not_connected_to");
        oldBackup = f.pendingBackup(source, "{}").toString();
        newBackup = f.pendingBackup(source, "{}").toString();
        storage.ensureBucket();
        store.put(RepositoryLayout.chunkKey(tenant, FIRST), new byte[100]);
        store.put(RepositoryLayout.chunkKey(tenant, SECOND), new byte[200]);
        index.recordUploaded(tenant, oldBackup, List.of(new StoredChunk(FIRST, 100), new StoredChunk(SECOND, 200)));
        // the old backup was deleted: its chunks are candidates for garbage collection
        f.exec("delete from backup_chunks where backup_id = ?", UUID.fromString(oldBackup));
    }

    @Test
    void reuseWaitsForTheCollectorAndThenDoesNotReturnTheChunkItDeleted() throws Exception {
        try (ExecutorService threads = Executors.newCachedThreadPool(); Session collector = new Session(db)) {
            assertThat(collector.lockChunk(tenant, FIRST)).isTrue();
            Future<Map<String, Long>> reuse = threads.submit(() -> index.reuse(tenant, newBackup, List.of(FIRST)));
            awaitSessionBlockedBy(collector.pid);
            assertThat(reuse).as("reuse while the collector holds the chunk").isNotDone();

            assertThat(collector.referencesOf(tenant, FIRST)).isZero();
            collector.update("delete from chunks where tenant_id = ? and name = ?", UUID.fromString(tenant), FIRST);
            collector.commit();

            assertThat(reuse.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("chunks the writer may skip uploading")
                    .isEmpty();
        }
        assertThat(references(newBackup)).as("the new backup must not reference a deleted chunk").isZero();
    }

    @Test
    void reuseWaitsForTheCollectorAndThenReferencesTheChunkItKept() throws Exception {
        try (ExecutorService threads = Executors.newCachedThreadPool(); Session collector = new Session(db)) {
            assertThat(collector.lockChunk(tenant, FIRST)).isTrue();
            Future<Map<String, Long>> reuse = threads.submit(() -> index.reuse(tenant, newBackup, List.of(FIRST)));
            awaitSessionBlockedBy(collector.pid);
            assertThat(reuse).as("reuse while the collector holds the chunk").isNotDone();

            collector.rollback(); // e.g. the chunk turned out younger than the grace period

            assertThat(reuse.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactlyEntriesOf(Map.of(FIRST, 100L));
        }
        assertThat(references(newBackup)).isEqualTo(1);
    }

    @Test
    void collectorWaitsForAReuseInFlightAndItsReCheckThenSeesTheNewReference() throws Exception {
        try (ExecutorService threads = Executors.newCachedThreadPool(); Session holder = new Session(db);
             Session collector = new Session(db)) {
            // a first collector holds SECOND, so the reuse of both chunks stops there, after it took FIRST
            assertThat(holder.lockChunk(tenant, SECOND)).isTrue();
            Future<Map<String, Long>> reuse = threads.submit(() -> index.reuse(tenant, newBackup,
                    List.of(FIRST, SECOND)));
            int reusePid = awaitSessionBlockedBy(holder.pid);

            Future<Boolean> collected = threads.submit(() -> collector.lockChunk(tenant, FIRST));
            int blocker = awaitSessionBlocking(collector.pid);
            assertThat(blocker).as("the collector of FIRST waits for the reuse in flight (pid %d), holder is %d",
                    reusePid, holder.pid).isEqualTo(reusePid);
            assertThat(collected).isNotDone();

            holder.rollback();
            assertThat(reuse.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(FIRST, 100L, SECOND, 200L));
            assertThat(collected.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(collector.referencesOf(tenant, FIRST)).as("the collector's re-check under its lock").isOne();
        }
    }

    @Test
    void aRevivedChunkWhoseObjectIsGoneIsUploadedAgainNotReused() throws Exception {
        // what a gc batch leaves when its commit fails after it deleted the objects: a row without its object
        store.delete(RepositoryLayout.chunkKey(tenant, FIRST));

        assertThat(index.reuse(tenant, newBackup, List.of(FIRST, SECOND)))
                .as("only the chunk whose object exists may be skipped").containsExactlyEntriesOf(Map.of(SECOND, 200L));

        // the writer uploads FIRST again and records it: the row and the reference exist already, nothing doubles
        store.put(RepositoryLayout.chunkKey(tenant, FIRST), new byte[100]);
        index.recordUploaded(tenant, newBackup, List.of(new StoredChunk(FIRST, 100)));
        assertThat(references(newBackup)).isEqualTo(2);
        assertThat(store.exists(RepositoryLayout.chunkKey(tenant, FIRST))).isTrue();
        // a chunk another backup still references is not looked at: its object cannot have been collected
        store.delete(RepositoryLayout.chunkKey(tenant, SECOND));
        String third = f.pendingBackup(f.source("also_not_connected"), "{}").toString();
        assertThat(index.reuse(tenant, third, List.of(SECOND))).containsOnlyKeys(SECOND);
    }

    private long references(String backup) throws SQLException {
        return Long.parseLong(f.text("select count(*) from backup_chunks where backup_id = ?", UUID.fromString(backup)));
    }

    /** Waits until some session waits for a lock {@code pid} holds; returns that session's pid. */
    private int awaitSessionBlockedBy(int pid) throws Exception {
        return awaitPid("a session blocked by pid " + pid,
                "select min(pid) from pg_stat_activity where ? = any(pg_blocking_pids(pid))", pid);
    }

    /** Waits until session {@code pid} waits for a lock; returns the pid holding it. */
    private int awaitSessionBlocking(int pid) throws Exception {
        return awaitPid("pid " + pid + " blocked", "select min(b) from unnest(pg_blocking_pids(?)) b", pid);
    }

    private int awaitPid(String what, String sql, int pid) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String found = f.text(sql, pid);
            if (found != null) {
                return Integer.parseInt(found);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not seen within " + WAIT.toSeconds() + " s: " + what);
    }

    /** A catalog session with an open transaction, as the garbage collector holds one; rolled back when closed. */
    private static final class Session implements AutoCloseable {
        private final Connection c;
        final int pid;

        Session(AgroalDataSource db) throws SQLException {
            c = db.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                pid = rs.getInt(1);
            }
        }

        /** The collector's hold on a candidate; false when the row is gone. */
        boolean lockChunk(String tenant, String name) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "select name from chunks where tenant_id = ? and name = ? for update")) {
                ps.setObject(1, UUID.fromString(tenant));
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        long referencesOf(String tenant, String name) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from backup_chunks where tenant_id = ? and chunk_name = ?")) {
                ps.setObject(1, UUID.fromString(tenant));
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        void update(String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.executeUpdate();
            }
        }

        void commit() throws SQLException {
            c.commit();
        }

        void rollback() throws SQLException {
            c.rollback();
        }

        @Override
        public void close() throws SQLException {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } finally {
                c.close();
            }
        }
    }
}
