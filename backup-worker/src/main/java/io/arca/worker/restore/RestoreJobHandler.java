package io.arca.worker.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.common.job.JobKind;
import io.arca.export.BackupContent;
import io.arca.jobs.ClaimedJob;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestoreResult;
import io.arca.pg.restore.RestoreTargets;
import io.arca.storage.TenantKeys;
import io.arca.worker.config.WorkerConfig;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobFailure;
import io.arca.worker.job.JobHandler;
import io.arca.worker.job.JobOutcome;
import io.arca.worker.job.LeaseLostException;
import io.arca.worker.source.SourceConnections;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a restore job: reads the backup's manifest from the bucket, refusing it unless it is the very object the
 * backup recorded ({@code backups.manifest_sha256}), then the dump plan (data keys from the bucket, unwrapped by the
 * master key: {@link TenantKeys}), creates the target database when absent, and restores every entry with the
 * PostgreSQL engine (pre-data, parallel COPY per table, sequences, post-data).
 */
@ApplicationScoped
public class RestoreJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(RestoreJobHandler.class);
    private final AgroalDataSource db;
    private final SourceConnections sources;
    private final ObjectStore store;
    private final TenantKeys tenantKeys;
    private final WorkerConfig config;
    private final ObjectMapper json;
    private final RestoreTargetGuard guard;
    private final PgRestorer restorer = new PgRestorer();

    public RestoreJobHandler(AgroalDataSource db, SourceConnections sources, ObjectStore store, TenantKeys tenantKeys,
            WorkerConfig config, ObjectMapper json, RestoreTargetGuard guard) {
        this.db = db;
        this.guard = guard;
        this.sources = sources;
        this.store = store;
        this.tenantKeys = tenantKeys;
        this.config = config;
        this.json = json;
    }

    private record RestoreRequest(UUID backupId, UUID targetSourceId, String targetDatabase, JsonNode options,
            String backupState, String manifestKey, String manifestSha256, UUID backupSourceId) {
    }

    @Override
    public JobKind kind() {
        return JobKind.RESTORE;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        RestoreRequest request = load(job);
        if (!"completed".equals(request.backupState()) || request.manifestKey() == null) {
            throw new JobFailure("backup-not-restorable", "backup " + request.backupId() + " is "
                    + request.backupState() + "; only completed backups can be restored");
        }
        if (request.manifestSha256() == null) {
            throw new JobFailure("backup-not-restorable", "backup " + request.backupId() + " has no recorded "
                    + "manifest digest (manifest_sha256), so its manifest in the bucket cannot be checked");
        }
        RestoreOptions restoreOptions = options(request.options()); // before anything is created
        RestoreProgress progress = new RestoreProgress();
        context.reportProgressFrom(progress);
        PgConnectionSpec target = null;
        String tenant = job.tenantId().toString();
        try (BackupReader reader = new BackupReader(store, tenant, tenantKeys.keyRing(job.tenantId()))) {
            progress.phase("reading-manifest");
            Manifest manifest = reader.readManifest(request.backupId().toString(), request.manifestSha256());
            DumpPlan plan = BackupContent.readPlan(reader, manifest);
            progress.tablesTotal((int) plan.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).count());

            PgConnectionSpec maintenance = sources.connection(job.tenantId(), request.targetSourceId(), null);
            target = sources.connection(job.tenantId(), request.targetSourceId(), request.targetDatabase());
            guard.check(job.tenantId(), maintenance, request.targetDatabase(), request.backupSourceId());
            progress.phase("creating-database");
            // A retry after a dead worker finds its own partly restored database: RestoreTargets recreates it
            // (marked with this restore's id), and never drops a database this job did not create.
            RestoreTargets.Outcome prepared = RestoreTargets.prepare(maintenance, request.targetDatabase(),
                    "arca-restore:" + job.id());
            context.throwIfCancelled();

            progress.rebuildsSchema(!restoreOptions.dataOnly()
                    && plan.entries().stream().anyMatch(e -> e.kind() == EntryKind.POST_DATA));
            progress.phase("restoring");
            RestoreResult result = restorer.restore(target, restoreOptions,
                    new ArchiveEntrySource(reader, manifest, plan, context, progress));
            context.throwIfCancelled();
            LOG.infof("restore %s: %d entries (%d rows) into %s in %d ms; slowest: %s", job.id(),
                    result.restored().size(), result.totalRows(), request.targetDatabase(), result.duration().toMillis(),
                    result.slowestEntries(3));

            Map<String, Object> data = new LinkedHashMap<>();
            data.put("attempt", job.attempt());
            data.put("backupId", request.backupId().toString());
            data.put("targetDatabase", request.targetDatabase());
            data.put("database", prepared.name().toLowerCase(java.util.Locale.ROOT));
            data.put("tables", result.rowCounts().size());
            data.put("rows", result.totalRows());
            data.put("bytesRestored", progress.bytes());
            data.put("durationMs", result.duration().toMillis());
            return new JobOutcome(progress.columns().set("phase", "done").set("error", null), data);
        } catch (LeaseLostException | JobFailure e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            context.throwIfCancelled();
            throw FailureClassifier.classify(e, target);
        }
    }

    private RestoreOptions options(JsonNode options) throws JobFailure {
        RestoreOptions result = RestoreOptions.full().withParallelism(config.tableParallelism())
                .withDataOnly(options.path("dataOnly").asBoolean(false));
        List<String> tables = new ArrayList<>();
        options.path("tables").forEach(t -> tables.add(t.asText()));
        if (!tables.isEmpty()) {
            result = result.withTables(tables.toArray(String[]::new));
        }
        if (options.path("dropExisting").asBoolean(false)) {
            throw new JobFailure("unsupported-option", "dropExisting is not supported yet");
        }
        return result;
    }

    private RestoreRequest load(ClaimedJob job) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select r.backup_id, r.target_source_id, r.target_database, r.options::text, b.state, "
                        + "b.manifest_key, b.manifest_sha256, b.source_id from restores r "
                        + "join backups b on b.id = r.backup_id and b.tenant_id = r.tenant_id "
                        + "where r.id = ? and r.tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("backup-missing", "the restore's backup does not exist for this tenant");
                }
                return new RestoreRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        json.readTree(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, UUID.class));
            }
        }
    }
}
