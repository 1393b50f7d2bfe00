package io.arca.worker.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.format.ObjectFormatException;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestMismatchException;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.verify.Defect;
import io.arca.archive.verify.VerificationReport;
import io.arca.archive.verify.Verifier;
import io.arca.common.job.JobKind;
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
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a verify job: reads the backup's manifest (refused unless it is the object the backup recorded), re-reads every
 * chunk with the archive's {@link Verifier} (format, tag, name, size, then each entry's size and SHA-256), and for a
 * deep verification restores the backup into a scratch database and compares every table with it
 * ({@link ScratchVerification}). Records the result on the verification row and, in the same transaction, on the
 * backup ({@link VerificationVerdict}).
 *
 * <p>Damage of stored objects (a missing or altered chunk, manifest or entry) is a result, not a failure: the job
 * completes and the backup becomes {@code corrupted}. What says nothing about the stored bytes fails the job instead
 * and changes nothing on the backup: an object store that does not answer ({@code object-store-unavailable}), a
 * manifest this worker cannot decode although it is the recorded object (a data key that does not unwrap, an unknown
 * format version), an unreachable target source.
 */
@ApplicationScoped
public class VerifyJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(VerifyJobHandler.class);
    /** Chunks fetched at once, as a restore reads ahead. */
    private static final int PARALLELISM = BackupReader.DEFAULT_READ_AHEAD;

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final TenantKeys tenantKeys;
    private final ScratchVerification scratch;
    private final ObjectMapper json;

    public VerifyJobHandler(AgroalDataSource db, ObjectStore store, TenantKeys tenantKeys,
            ScratchVerification scratch, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.tenantKeys = tenantKeys;
        this.scratch = scratch;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return JobKind.VERIFY;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        VerifyRequest request;
        try (Connection c = db.getConnection()) {
            request = VerifyRequest.load(c, job);
        }
        request.check();
        long started = System.currentTimeMillis();
        VerifyProgress progress = new VerifyProgress();
        context.reportProgressFrom(progress);
        try (BackupReader reader = new BackupReader(store, job.tenantId().toString(),
                tenantKeys.keyRing(job.tenantId()))) {
            progress.phase("reading-manifest");
            Manifest manifest;
            try {
                manifest = reader.readManifest(request.backupId().toString(), request.manifestSha256());
            } catch (ObjectNotFoundException e) {
                return outcome(request, progress, new VerificationVerdict(request, Instant.now(), 0, 0, 0,
                        List.of(Problems.manifest("missing", e.getMessage())), null));
            } catch (ManifestMismatchException e) {
                return outcome(request, progress, new VerificationVerdict(request, Instant.now(), 0, 0, 0,
                        List.of(Problems.manifest("hash-mismatch", e.getMessage())), null));
            } catch (ObjectFormatException e) {
                // the very bytes the backup recorded, which this worker cannot read: not damage of the backup
                throw new JobFailure(e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        "the backup's manifest is the recorded object but cannot be read here: " + e.getMessage(), e);
            }
            progress.chunksTotal(Verifier.chunkCount(manifest));
            progress.phase("reading-chunks");
            VerificationReport report = new Verifier(reader, PARALLELISM).verify(manifest, (chunks, bytes) -> {
                context.throwIfCancelled();
                progress.checked(chunks, bytes);
            });
            List<Defect> readErrors = Problems.readErrors(report);
            if (!readErrors.isEmpty()) {
                throw new JobFailure("object-store-unavailable", readErrors.size() + " chunk(s) could not be read "
                        + "from the object store, e.g. " + readErrors.getFirst().detail());
            }
            List<Problem> problems = new ArrayList<>(Problems.of(report, manifest));
            List<ScratchVerification.TableComparison> tables = null;
            if (request.deep() && problems.isEmpty()) {
                progress.phase("scratch-restore");
                tables = scratch.run(context, request, reader, manifest, progress);
                tables.stream().filter(t -> !t.matches()).forEach(t -> problems.add(mismatch(t)));
            }
            context.throwIfCancelled();
            LOG.infof("verify %s of backup %s: %d chunks, %d MiB checked, %d problem(s)%s in %d ms", job.id(),
                    request.backupId(), report.chunksChecked(), report.bytesChecked() >> 20, problems.size(),
                    tables == null ? "" : ", " + tables.size() + " tables compared",
                    System.currentTimeMillis() - started);
            return outcome(request, progress, new VerificationVerdict(request, Instant.now(),
                    report.entriesChecked(), report.chunksChecked(), report.bytesChecked(), problems, tables));
        } catch (LeaseLostException | JobFailure e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            context.throwIfCancelled();
            throw FailureClassifier.classify(e, null);
        }
    }

    private static Problem mismatch(ScratchVerification.TableComparison t) {
        String detail = t.rows() != t.restoredRows()
                ? "the backup recorded " + t.rows() + " rows, the restored table has " + t.restoredRows()
                : "the restored rows' content checksum differs from the backup's (" + t.rows() + " rows)";
        return new Problem(null, null, List.of(new Problem.EntryRef(t.entry(), t.schema(), t.table())),
                Problem.RESTORE_MISMATCH, detail);
    }

    private JobOutcome outcome(VerifyRequest request, VerifyProgress progress, VerificationVerdict verdict)
            throws Exception {
        JobColumns result = progress.columns().set("phase", "done").set("result", verdict.state())
                .set("problems", new JobColumns.Json(json.writeValueAsString(verdict.problems())))
                .set("chunks_checked", verdict.chunksChecked()).set("bytes_checked", verdict.bytesChecked())
                .set("error", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backupId", request.backupId().toString());
        data.put("deep", request.deep());
        data.put("result", verdict.state());
        // the public verify.completed / backup.corrupted events read the verdict as data.state (io.arca.events)
        data.put("state", verdict.state());
        data.put("problems", verdict.problems().size());
        data.put("entriesChecked", verdict.entriesChecked());
        data.put("chunksChecked", verdict.chunksChecked());
        data.put("bytesChecked", verdict.bytesChecked());
        data.put("provenRestorable", verdict.provenRestorable());
        return new JobOutcome(result, data, verdict.writes(json));
    }
}
