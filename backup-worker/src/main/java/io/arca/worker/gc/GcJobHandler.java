package io.arca.worker.gc;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.common.job.JobKind;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.JobColumns;
import io.arca.jobs.cdi.GcConfig;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobFailure;
import io.arca.worker.job.JobHandler;
import io.arca.worker.job.JobOutcome;
import io.arca.worker.job.LeaseLostException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs a gc run over one tenant's chunks, in two passes, with bounded memory (one batch of names at a time):
 * <ol>
 * <li>{@code deleting}: key-range batches of {@code arca.gc.batch-size} chunk rows named after {@code resume_after},
 * created before the run's cutoff, that no backup references, each batch its own transaction holding its rows
 * {@code FOR UPDATE SKIP LOCKED}: objects deleted, rows deleted, counters and {@code resume_after} advanced, commit
 * ({@link GcBatch} explains why a chunk a backup decided to reuse can never be deleted, and why the "no reference"
 * condition is checked again after the lock under READ COMMITTED). A backup never waits on GC for more than one
 * batch; several workers are safe (skipped locks; and one unfinished run per tenant, by a unique index).</li>
 * <li>{@code listing}: the tenant's chunk prefix, page by page; objects no row names and older than the cutoff are
 * adopted as unreferenced rows created now ({@link OrphanAdoption}), so a LATER run deletes them through pass 1.
 * Nothing is ever deleted because of a listing alone. A re-queued run lists from the start again (adoption is
 * idempotent).</li>
 * </ol>
 * Resumable after a kill -9: a re-queued run reads {@code resume_after} and its counters and goes on. Chunks and
 * bytes freed are on the run's row and in the counters {@code arca_gc_chunks_deleted_total} and
 * {@code arca_gc_bytes_freed_total}.
 */
@ApplicationScoped
public class GcJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(GcJobHandler.class);

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final GcTransactions transactions;
    private final GcConfig config;
    private final Counter chunksDeleted;
    private final Counter bytesFreed;

    public GcJobHandler(AgroalDataSource db, ObjectStore store, GcTransactions transactions, GcConfig config,
            MeterRegistry metrics) {
        this.db = db;
        this.store = store;
        this.transactions = transactions;
        this.config = config;
        this.chunksDeleted = Counter.builder("arca.gc.chunks.deleted").description("Chunks garbage collection deleted")
                .register(metrics);
        // no base unit: Prometheus would name it arca_gc_bytes_freed_bytes_total
        this.bytesFreed = Counter.builder("arca.gc.bytes.freed")
                .description("Stored bytes of the chunks garbage collection deleted").register(metrics);
    }

    @Override
    public JobKind kind() {
        return JobKind.GC;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        GcRun run;
        try (Connection c = db.getConnection()) {
            run = GcRun.load(c, job);
        }
        long started = System.currentTimeMillis();
        long deleted = 0;
        long bytes = 0;
        long adopted = 0;
        try {
            String after = run.resumeAfter();
            int limit = Math.max(1, config.batchSize());
            GcTransactions.BatchResult batch;
            do {
                context.throwIfCancelled();
                batch = transactions.deleteBatch(job, run.cutoff(), after, limit);
                after = batch.lastName() == null ? after : batch.lastName();
                deleted += batch.deleted();
                bytes += batch.bytesFreed();
                chunksDeleted.increment(batch.deleted());
                bytesFreed.increment(batch.bytesFreed());
            } while (batch.scanned() == limit);
            adopted = adoptOrphans(context, job, run, limit);
        } catch (LeaseLostException | JobFailure e) {
            throw e;
        } catch (Exception e) {
            context.throwIfCancelled();
            throw FailureClassifier.classify(e, null);
        }
        context.throwIfCancelled();
        LOG.infof("gc %s of tenant %s: %d chunks (%d bytes) deleted, %d orphans adopted in %d ms (this attempt)",
                job.id(), job.tenantId(), deleted, bytes, adopted, System.currentTimeMillis() - started);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chunksDeleted", run.chunksDeleted() + deleted);
        data.put("bytesFreed", run.bytesFreed() + bytes);
        data.put("orphansAdopted", run.orphansAdopted() + adopted);
        data.put("cutoff", run.cutoff().toString());
        return new JobOutcome(new JobColumns().set("phase", "done").set("error", null), data);
    }

    private long adoptOrphans(JobContext context, ClaimedJob job, GcRun run, int pageSize) throws Exception {
        long adopted = 0;
        try (Stream<ObjectInfo> listed = store.list(RepositoryLayout.chunksPrefix(job.tenantId().toString()))) {
            List<ObjectInfo> page = new ArrayList<>(pageSize);
            for (Iterator<ObjectInfo> it = listed.iterator(); it.hasNext(); ) {
                page.add(it.next());
                if (page.size() == pageSize || !it.hasNext()) {
                    context.throwIfCancelled();
                    adopted += transactions.adoptPage(job, page, run.cutoff());
                    page = new ArrayList<>(pageSize);
                }
            }
        }
        return adopted;
    }
}
