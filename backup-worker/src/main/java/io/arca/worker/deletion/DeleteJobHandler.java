package io.arca.worker.deletion;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.common.job.JobKind;
import io.arca.common.job.JobState;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.CompletionWrites;
import io.arca.jobs.JobFact;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobDeferral;
import io.arca.worker.job.JobHandler;
import io.arca.worker.job.JobOutcome;
import io.arca.worker.job.LeaseLostException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs a delete job: removes a backup from the bucket and from the chunk index, then marks it {@code deleted} (the
 * row stays as history). In this order, each step idempotent so a retry after a crash simply goes on:
 * <ol>
 * <li>{@code waiting-for-readers}: while anything still reads the backup ({@link BackupReaders}) the job is put back
 * in the queue ({@link JobDeferral}: due again after {@code arca.deletion.reader-wait-seconds}, no attempt used).</li>
 * <li>{@code deleting-manifest}: every object under the backup's prefix (the manifest first of all) is deleted FIRST,
 * so a reader without the catalog (a restore from the bucket alone) never lists a backup whose chunks garbage
 * collection may already have taken.</li>
 * <li>{@code unreferencing}: the backup's {@code backup_chunks} rows go in batches of
 * {@code arca.deletion.reference-batch-size}, each its own transaction (a backup has up to millions). Chunks nobody
 * references any more are left to garbage collection, which deletes them after the grace period.</li>
 * <li>completion ({@link CompletionWrites}): {@code lifecycle = 'deleted'}, {@code deleted_at}, and a
 * {@code backup.deleted} event with the reason, besides the job's own {@code delete.completed}.</li>
 * </ol>
 * A failed or cancelled backup (no manifest, some references) is deleted the same way.
 */
@ApplicationScoped
public class DeleteJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(DeleteJobHandler.class);
    /** Keys per multi-object delete (S3's limit per request). */
    private static final int OBJECT_BATCH = 1000;

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final Outbox outbox;
    private final DeletionConfig config;

    public DeleteJobHandler(AgroalDataSource db, ObjectStore store, Outbox outbox, DeletionConfig config) {
        this.db = db;
        this.store = store;
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public JobKind kind() {
        return JobKind.DELETE;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        DeletionRequest request;
        DeletionProgress progress = new DeletionProgress();
        context.reportProgressFrom(progress);
        progress.phase("waiting-for-readers");
        try (Connection c = db.getConnection()) {
            request = DeletionRequest.load(c, job);
            List<String> readers = request.alreadyDeleted() ? List.of() : BackupReaders.of(c, job.tenantId(),
                    request.backupId());
            if (!readers.isEmpty()) {
                throw new JobDeferral(config.readerWaitSeconds(), "waiting-for-readers",
                        "backup " + request.backupId() + " is being read: " + String.join(", ", readers));
            }
        }
        try {
            progress.phase("deleting-manifest");
            deleteObjects(context, request, progress);
            progress.phase("unreferencing");
            removeReferences(context, request, progress);
        } catch (LeaseLostException e) {
            throw e;
        } catch (Exception e) {
            context.throwIfCancelled();
            throw FailureClassifier.classify(e, null);
        }
        context.throwIfCancelled();
        LOG.infof("delete %s of backup %s (%s): %d objects, %d chunk references removed", job.id(),
                request.backupId(), request.reason(), progress.objectsDeleted(), progress.referencesRemoved());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backupId", request.backupId().toString());
        data.put("reason", request.reason());
        data.put("objectsDeleted", progress.objectsDeleted());
        data.put("referencesRemoved", progress.referencesRemoved());
        return new JobOutcome(progress.columns().set("phase", "done").set("error", null), data,
                c -> markDeleted(c, request));
    }

    /** The manifest and anything else under the backup's prefix, in pages; absent objects are fine (a retry). */
    private void deleteObjects(JobContext context, DeletionRequest request, DeletionProgress progress) {
        String tenant = request.tenantId().toString();
        String manifest = RepositoryLayout.manifestKey(tenant, request.backupId().toString());
        String prefix = manifest.substring(0, manifest.length() - RepositoryLayout.MANIFEST_FILE.length());
        if (store.exists(manifest)) {
            store.delete(manifest);
            progress.objectsDeleted(1);
        }
        try (Stream<ObjectInfo> listed = store.list(prefix)) {
            List<String> page = new ArrayList<>(OBJECT_BATCH);
            for (Iterator<ObjectInfo> it = listed.iterator(); it.hasNext(); ) {
                page.add(it.next().key());
                if (page.size() == OBJECT_BATCH || !it.hasNext()) {
                    context.throwIfCancelled();
                    store.deleteAll(page);
                    progress.objectsDeleted(page.size());
                    page = new ArrayList<>(OBJECT_BATCH);
                }
            }
        }
    }

    private void removeReferences(JobContext context, DeletionRequest request, DeletionProgress progress)
            throws SQLException {
        int removed;
        do {
            context.throwIfCancelled();
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("delete from "
                    + "backup_chunks where backup_id = ? and chunk_name in (select chunk_name from backup_chunks "
                    + "where backup_id = ? and tenant_id = ? limit ?)")) {
                c.setAutoCommit(true);
                ps.setObject(1, request.backupId());
                ps.setObject(2, request.backupId());
                ps.setObject(3, request.tenantId());
                ps.setInt(4, config.referenceBatchSize());
                removed = ps.executeUpdate();
            }
            progress.referencesRemoved(removed);
        } while (removed > 0);
    }

    /** With the job's completion: the backup is deleted (kept as history), and the fact goes on the events stream. */
    private void markDeleted(Connection c, DeletionRequest request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update backups set lifecycle = 'deleted', "
                + "deleted_at = coalesce(deleted_at, now()), deletion_reason = coalesce(deletion_reason, ?), "
                + "updated_at = now() where id = ? and tenant_id = ?")) {
            ps.setString(1, request.reason());
            ps.setObject(2, request.backupId());
            ps.setObject(3, request.tenantId());
            ps.executeUpdate();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backupId", request.backupId().toString());
        data.put("sourceId", request.sourceId().toString());
        data.put("reason", request.reason());
        data.put("detail", request.detail());
        data.put("deletionId", request.deletionId().toString());
        outbox.append(c, OutboxMessage.event(JobMessages.event(JobTable.BACKUPS, request.backupId(),
                request.tenantId(), JobFact.DELETED, JobState.fromWireName(request.backupState()), data)));
    }
}
