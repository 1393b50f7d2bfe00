package io.arca.worker.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.format.ObjectFormatException;
import io.arca.archive.read.BackupReader;
import io.arca.archive.read.EntryCorruptException;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectUpload;
import io.arca.common.job.JobKind;
import io.arca.export.BackupContent;
import io.arca.export.BackupExports;
import io.arca.export.ExportFileName;
import io.arca.export.ExportRefusedException;
import io.arca.export.ExportRequest;
import io.arca.export.RenderedExport;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.JobColumns;
import io.arca.storage.TenantKeys;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobFailure;
import io.arca.worker.job.JobHandler;
import io.arca.worker.job.JobOutcome;
import io.arca.worker.job.LeaseLostException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs an export job: reads the backup as a restore does (the manifest refused unless it is the recorded object),
 * renders it in the requested format with arca-export ({@link BackupExports}), and streams the bytes into one object
 * {@code tenants/<tenant>/exports/<exportId>/<filename>} through a multipart upload ({@link ObjectUpload}), hashing
 * and counting them on the way. Memory stays bounded: the renderer streams from the chunks, the upload holds one
 * part. The object exists only once the upload completed; a failed or cancelled export aborts the upload, and a failed
 * one also deletes the key, in case the store had taken the upload although its answer was lost.
 */
@ApplicationScoped
public class ExportJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(ExportJobHandler.class);

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final TenantKeys tenantKeys;
    private final ObjectMapper json;

    public ExportJobHandler(AgroalDataSource db, ObjectStore store, TenantKeys tenantKeys, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.tenantKeys = tenantKeys;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return JobKind.EXPORT;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        ExportJob export;
        try (Connection c = db.getConnection()) {
            export = ExportJob.load(c, job, json);
        }
        ExportRequest request = export.check();
        long started = System.currentTimeMillis();
        ExportProgress progress = new ExportProgress();
        context.reportProgressFrom(progress);
        String tenant = job.tenantId().toString();
        String key = null;
        boolean stored = false;
        try (BackupReader reader = new BackupReader(store, tenant, tenantKeys.keyRing(job.tenantId()))) {
            progress.phase("reading-manifest");
            BackupContent content;
            try {
                content = BackupContent.read(reader, store, export.backupId().toString(), export.manifestSha256());
            } catch (IOException e) {
                throw new JobFailure("unsupported-format", "the backup's dump plan cannot be read by this worker: "
                        + e.getMessage(), e);
            }
            RenderedExport rendered = BackupExports.prepare(content, request);
            String filename = ExportFileName.of(export.sourceName(), export.backupCreatedAt(), rendered.fileSuffix());
            key = RepositoryLayout.exportKey(tenant, job.id().toString(), filename);
            progress.phase("uploading");
            DigestingOutputStream out;
            try (ObjectUpload upload = store.openUpload(key)) {
                context.onCancel(upload::abort);
                out = new DigestingOutputStream(upload, progress, context);
                rendered.writeTo(out);
                out.flush();
                context.throwIfCancelled();
                if (rendered.length().isPresent() && rendered.length().getAsLong() != out.size()) {
                    throw new JobFailure("internal-error", "the " + request.format().wireName() + " rendering "
                            + "announced " + rendered.length().getAsLong() + " bytes but wrote " + out.size());
                }
                upload.complete();
                stored = true;
            }
            LOG.infof("export %s: %s, %d bytes in %d ms", job.id(), key, out.size(),
                    System.currentTimeMillis() - started);
            return outcome(export, request, key, filename, out, progress);
        } catch (LeaseLostException | JobFailure e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            context.throwIfCancelled();
            throw classify(e);
        } finally {
            // A cancelled job (lease lost, or cancelled through the API) only aborts its upload: the key may belong
            // to the attempt that took the job over by now. What an aborted upload could leave behind, the expiry
            // sweep deletes with the rest of the export's prefix.
            if (key != null && !stored && !context.isCancelled()) {
                discard(key);
            }
        }
    }

    private JobOutcome outcome(ExportJob export, ExportRequest request, String key, String filename,
            DigestingOutputStream out, ExportProgress progress) {
        String sha256 = out.sha256Hex();
        JobColumns result = progress.columns().set("phase", "done").set("object_key", key).set("filename", filename)
                .set("size", out.size()).set("sha256", sha256).set("error", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backupId", export.backupId().toString());
        data.put("format", request.format().wireName());
        data.put("compression", request.compression().wireName());
        data.put("filename", filename);
        data.put("size", out.size());
        data.put("sha256", sha256);
        return new JobOutcome(result, data);
    }

    /** Read errors that mean stored objects are damaged name the backup, not the store, as the cause. */
    private static JobFailure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExportRefusedException refused) {
                return new JobFailure(refused.code(), refused.getMessage(), e);
            }
            if (t instanceof ObjectNotFoundException || t instanceof EntryCorruptException
                    || t instanceof ObjectFormatException) {
                return new JobFailure("backup-unreadable", t.getMessage() + "; a verification of the backup shows "
                        + "which chunks and tables are affected", e);
            }
        }
        return FailureClassifier.classify(e, null);
    }

    /** An upload that did not complete leaves no object; a delete covers one the store took but did not confirm. */
    private void discard(String key) {
        boolean interrupted = Thread.interrupted();
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.warnf("export object %s not deleted: %s", key, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
