package io.arca.worker.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.common.job.JobKind;
import io.arca.export.BackupContent;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.JobColumns;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.MergeRestore;
import io.arca.pg.restore.MergeResult;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestoreResult;
import io.arca.pg.restore.RestoreTargets;
import io.arca.pg.restore.TargetDatabase;
import io.arca.pg.restore.TargetServer;
import io.arca.storage.TenantKeys;
import io.arca.worker.config.WorkerConfig;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobFailure;
import io.arca.worker.job.JobHandler;
import io.arca.worker.job.JobOutcome;
import io.arca.worker.job.LeaseLostException;
import io.arca.worker.metrics.DataMetrics;
import io.arca.worker.source.SourceConnections;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a restore job: reads its options ({@link RestoreJobOptions}); waits for its safety backup when it has one
 * ({@link SafetyBackupGate}); reads the backup's manifest from the bucket, refusing it unless it is the very object
 * the backup recorded ({@code backups.manifest_sha256}), then the dump plan (data keys from the bucket, unwrapped by
 * the master key: {@link TenantKeys}); refuses targets that must not be written ({@link RestoreTargetGuard}). A dry
 * run then previews and completes ({@link DryRunPreview}); a restore creates the target database when absent and
 * restores the entries the options select with the PostgreSQL engine. Only the selected entries are read from the
 * bucket ({@link ArchiveEntrySource}), and progress counts only them.
 */
@ApplicationScoped
public class RestoreJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(RestoreJobHandler.class);
    private final AgroalDataSource db;
    private final SourceConnections sources;
    private final ObjectStore store;
    private final TenantKeys tenantKeys;
    private final WorkerConfig config;
    private final RestoreConfig restoreConfig;
    private final ObjectMapper json;
    private final RestoreTargetGuard guard;
    private final PgTools tools = PgTools.locate();
    private final PgRestorer restorer = new PgRestorer(tools);
    private final DryRunPreview dryRun;
    private final DataMetrics metrics;

    public RestoreJobHandler(AgroalDataSource db, SourceConnections sources, ObjectStore store, TenantKeys tenantKeys,
            WorkerConfig config, RestoreConfig restoreConfig, ObjectMapper json, RestoreTargetGuard guard,
            DataMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.guard = guard;
        this.sources = sources;
        this.store = store;
        this.tenantKeys = tenantKeys;
        this.config = config;
        this.restoreConfig = restoreConfig;
        this.json = json;
        this.dryRun = new DryRunPreview(db, store, restoreConfig, json, restorer);
    }

    @Override
    public JobKind kind() {
        return JobKind.RESTORE;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        RestoreRequest request;
        RestoreJobOptions options;
        try (Connection c = db.getConnection()) {
            request = RestoreRequest.load(c, job, json);
            request.requireRestorable();
            options = RestoreJobOptions.read(request.options(), config.tableParallelism()); // before any waiting
            if (!request.dryRun() && request.safetyBackupId() != null) {
                SafetyBackupGate.check(c, job.tenantId(), request.safetyBackupId(),
                        restoreConfig.safetyBackupWaitSeconds());
            }
        }
        RestoreProgress progress = new RestoreProgress();
        context.reportProgressFrom(progress);
        PgConnectionSpec target = null;
        try (BackupReader reader = new BackupReader(store, job.tenantId().toString(),
                tenantKeys.keyRing(job.tenantId()))) {
            progress.phase("reading-manifest");
            Manifest manifest = reader.readManifest(request.backupId().toString(), request.manifestSha256());
            DumpPlan plan = BackupContent.readPlan(reader, manifest);
            List<DumpEntry> selected = SelectedEntries.of(options.engine(), plan.entries(), plan.relations());
            progress.tablesTotal(SelectedEntries.tables(selected));

            PgConnectionSpec maintenance = sources.connection(job.tenantId(), request.targetSourceId(), null);
            target = sources.connection(job.tenantId(), request.targetSourceId(), request.targetDatabase());
            guard.check(job.tenantId(), maintenance, request.targetDatabase(), request.backupSourceId(),
                    request.backupDatabase(), request.dryRun() || options.mayTargetTheBackedUpDatabase());
            ArchiveEntrySource source = new ArchiveEntrySource(reader, manifest, plan, context, progress);
            if (request.dryRun()) {
                return dryRun.run(context, options, target, source, manifest, progress);
            }
            return restore(context, request, options, maintenance, target, source, plan, progress);
        } catch (LeaseLostException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            context.throwIfCancelled();
            JobFailure failure = e instanceof UnsupportedOperationException
                    ? new JobFailure("unsupported-option", e.getMessage(), e)
                    : FailureClassifier.classify(e, target);
            throw afterSafetyBackup(failure, request);
        }
    }

    private JobOutcome restore(JobContext context, RestoreRequest request, RestoreJobOptions options,
            PgConnectionSpec maintenance, PgConnectionSpec target, ArchiveEntrySource source, DumpPlan plan,
            RestoreProgress progress) throws Exception {
        ClaimedJob job = context.job();
        if (options.engine().mode() == RestoreOptions.Mode.MERGE) {
            return merge(context, request, options, target, source, progress);
        }
        progress.phase("creating-database");
        // A retry after a dead worker finds its own partly restored database: RestoreTargets recreates it (marked
        // with this restore's id), and never drops a database this job did not create.
        RestoreTargets.Outcome prepared = RestoreTargets.prepare(maintenance, request.targetDatabase(),
                "arca-restore:" + job.id());
        context.throwIfCancelled();

        progress.rebuildsSchema(options.engine().restoresSchema()
                && plan.entries().stream().anyMatch(e -> e.kind() == EntryKind.POST_DATA));
        progress.phase("restoring");
        // into a database this job created: parallel loads, and a retry recreates it; into one that existed: one
        // transaction, so a failure or a killed worker leaves it as it was and a retry starts from the same state
        RestoreResult result = restorer.restore(target, options.engine(), source, TargetDatabase.of(prepared));
        context.throwIfCancelled();
        LOG.infof("restore %s: %d entries (%d rows) into %s (%s) in %d ms; slowest: %s", job.id(),
                result.restored().size(), result.totalRows(), request.targetDatabase(), prepared,
                result.duration().toMillis(), result.slowestEntries(3));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", job.attempt());
        data.put("backupId", request.backupId().toString());
        data.put("targetDatabase", request.targetDatabase());
        data.put("database", prepared.name().toLowerCase(Locale.ROOT));
        data.put("tables", result.rowCounts().size());
        data.put("rows", result.totalRows());
        data.put("bytesRestored", progress.bytes());
        data.put("durationMs", result.duration().toMillis());
        JobColumns columns = progress.columns().set("phase", "done").set("error", null)
                .set("result", new JobColumns.Json(json.writeValueAsString(
                        RestoreResultJson.of(json, plan, result, prepared, result.targetServer())
                                .put("bytesFetched", source.bytesFetched()))));
        long bytes = progress.bytes();
        return new JobOutcome(columns, data).afterCompletion(() -> metrics.restoreCompleted(bytes, result.duration()));
    }

    /**
     * A merge brings rows back into the existing tables of an existing database, in one transaction
     * ({@code MergeRestore}); it never creates the database (a missing one fails the job as database-missing).
     */
    private JobOutcome merge(JobContext context, RestoreRequest request, RestoreJobOptions options,
            PgConnectionSpec target, ArchiveEntrySource source, RestoreProgress progress) throws Exception {
        progress.phase("merging");
        long started = System.nanoTime();
        MergeResult result = MergeRestore.run(tools, target, options.engine(), source);
        context.throwIfCancelled();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("merge restore %s into %s: %d inserted, %d skipped, %d overwritten in %d ms", context.job().id(),
                request.targetDatabase(), result.inserted(), result.skipped(), result.overwritten(), tookMs);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", context.job().attempt());
        data.put("backupId", request.backupId().toString());
        data.put("targetDatabase", request.targetDatabase());
        data.put("inserted", result.inserted());
        data.put("skipped", result.skipped());
        data.put("overwritten", result.overwritten());
        data.put("bytesRestored", progress.bytes());
        data.put("durationMs", tookMs);
        JobColumns columns = progress.columns().set("phase", "done").set("error", null)
                .set("result", new JobColumns.Json(json.writeValueAsString(
                        RestoreResultJson.ofMerge(json, result, tookMs, TargetServer.inspect(target, tools))
                                .put("bytesFetched", source.bytesFetched()))));
        long bytes = progress.bytes();
        return new JobOutcome(columns, data)
                .afterCompletion(() -> metrics.restoreCompleted(bytes, Duration.ofMillis(tookMs)));
    }

    /** A failure after the safety backup completed says where the target's previous objects are. */
    private static JobFailure afterSafetyBackup(JobFailure failure, RestoreRequest request) {
        if (request.safetyBackupId() == null || request.dryRun()) {
            return failure;
        }
        return new JobFailure(failure.reason(), failure.getMessage() + SafetyBackupGate.howToRecover(
                request.safetyBackupId(), request.targetSourceId(), request.targetDatabase()), failure.getCause());
    }
}
