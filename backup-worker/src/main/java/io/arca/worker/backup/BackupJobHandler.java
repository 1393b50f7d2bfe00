package io.arca.worker.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.index.ChunkIndex;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.manifest.SourceInfo;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriteProgress;
import io.arca.archive.write.WriterOptions;
import io.arca.common.job.JobKind;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.JobColumns;
import io.arca.jobs.options.BackupOptions;
import io.arca.pg.DumpPlan;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.storage.ObjectStoreProducer;
import io.arca.storage.TenantKeys;
import io.arca.worker.config.WorkerConfig;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobFailure;
import io.arca.worker.job.JobHandler;
import io.arca.worker.job.JobOutcome;
import io.arca.worker.job.JobStore;
import io.arca.worker.job.LeaseLostException;
import io.arca.worker.metrics.DataMetrics;
import io.arca.worker.source.SourceConnections;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Runs a backup job: probe the source, dump it (snapshot-consistent, parallel tables) straight into the archive
 * writer (chunks deduplicated against the tenant's chunk index), add the dump plan entry, check the lease, write
 * the manifest last, and return the result columns. Nothing is written to the row here: the executor completes or
 * fails the job under the lease guard.
 */
@ApplicationScoped
public class BackupJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(BackupJobHandler.class);

    private final AgroalDataSource db;
    private final SourceConnections sources;
    private final ObjectStore store;
    private final ObjectStoreProducer storage;
    private final ChunkIndex chunkIndex;
    private final TenantKeys tenantKeys;
    private final JobStore jobs;
    private final WorkerConfig config;
    private final ObjectMapper json;
    private final DataMetrics metrics;
    private final PgDumper dumper = new PgDumper();

    public BackupJobHandler(AgroalDataSource db, SourceConnections sources, ObjectStore store,
            ObjectStoreProducer storage, ChunkIndex chunkIndex, TenantKeys tenantKeys, JobStore jobs,
            WorkerConfig config, ObjectMapper json, DataMetrics metrics) {
        this.db = db;
        this.sources = sources;
        this.store = store;
        this.storage = storage;
        this.chunkIndex = chunkIndex;
        this.tenantKeys = tenantKeys;
        this.jobs = jobs;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public JobKind kind() {
        return JobKind.BACKUP;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        ClaimedJob job = context.job();
        BackupRequest request = load(job);
        BackupProgress progress = new BackupProgress();
        context.reportProgressFrom(progress);
        PgConnectionSpec spec = null;
        try {
            spec = sources.connection(job.tenantId(), request.sourceId(), request.databaseName());
            progress.phase("connecting");
            SourceProbe probe = SourceProbe.probe(spec);
            if (!request.filtersTables()) {
                progress.tablesTotal(probe.tables());
            }
            storage.ensureBucket();
            return dump(context, request, spec, probe, progress);
        } catch (LeaseLostException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            context.throwIfCancelled();
            throw FailureClassifier.classify(e, spec);
        }
    }

    private JobOutcome dump(JobContext context, BackupRequest request, PgConnectionSpec spec, SourceProbe probe,
            BackupProgress progress) throws Exception {
        ClaimedJob job = context.job();
        String tenant = job.tenantId().toString();
        String backupId = job.id().toString();
        WriterOptions options = WriterOptions.defaults().withCompression(request.compression())
                .withRequestedOptions(request.requestedOptions(json));
        SourceConnections.Names names = sources.names(job.tenantId(), request.sourceId());
        Map<String, String> attributes = Map.of("sourceId", request.sourceId().toString(), "database",
                spec.database(), "attempt", String.valueOf(job.attempt()), "tenantName", names.tenant(),
                "sourceName", names.source());
        ArchiveWriter.Builder builder = ArchiveWriter.builder(store, tenant, backupId).index(chunkIndex)
                .options(options).progress(progress)
                .source(new SourceInfo("postgresql://" + spec.host() + ":" + spec.port() + "/" + spec.database(),
                        probe.serverVersion(), null, attributes));
        if (request.encrypt()) {
            TenantKeys.ActiveKey key = tenantKeys.activeKey(job.tenantId());
            builder.encryption(key.key(), key.wrapped());
        }
        try (ArchiveWriter writer = builder.open()) {
            context.onCancel(writer::close);
            progress.phase("dumping");
            ArchiveEntrySink sink = new ArchiveEntrySink(writer, context, progress);
            DumpResult dump = dumper.dump(spec, request.dumpOptions(config.tableParallelism())
                    .withSplitBytes(config.splitTableSize().asLongValue()), sink);
            LOG.infof("backup %s: dumped %d entries (%d MiB) in %d ms; slowest: %s", backupId, dump.entries().size(),
                    writer.progress().bytesRead() >> 20, dump.duration().toMillis(), dump.slowestEntries(3));
            context.throwIfCancelled();
            progress.tablesTotal(progress.tablesDone());
            writer.writeEntry(EntrySpec.of(DumpPlan.ENTRY_NAME, DumpPlan.ENTRY_KIND),
                    new ByteArrayInputStream(dump.plan().encode()));
            progress.phase("writing-manifest");
            // the manifest makes the backup exist: write it only while we provably still hold the lease
            if (!jobs.heartbeat(job, progress.columns(), null)) {
                throw new LeaseLostException("lease lost before the manifest was written");
            }
            Manifest manifest = writer.finish();
            return outcome(context, request, dump, manifest, progress, sink);
        }
    }

    private JobOutcome outcome(JobContext context, BackupRequest request, DumpResult dump, Manifest manifest,
            BackupProgress progress, ArchiveEntrySink sink) throws Exception {
        String manifestKey = RepositoryLayout.manifestKey(manifest.tenant(), manifest.backupId());
        // the digest of the object as stored (read back): a restore refuses any other manifest object
        String manifestSha = ManifestFormat.sha256(store.get(manifestKey));
        Map<String, Long> distinct = new HashMap<>();
        for (ManifestEntry e : manifest.entries()) {
            for (ChunkRef c : e.chunks()) {
                distinct.put(c.name(), c.storedSize());
            }
        }
        long storedSize = distinct.values().stream().mapToLong(Long::longValue).sum();
        WriteProgress p = progress.write();
        long logicalSize = manifest.totalSize();
        long newBytes = p.bytesStored();
        // share of this backup's stored bytes that already existed (0 = nothing reused, 1 = fully deduplicated)
        double dedupRatio = storedSize == 0 ? 0.0 : Math.max(0.0, (double) (storedSize - newBytes) / storedSize);
        Map<String, Object> tables = new TreeMap<>();
        sink.tableStats().values().forEach(t -> tables.put(t.schema() + "." + t.table(), Map.of(
                "rows", t.rows(), "bytes", t.bytes(), "storedBytes", t.storedBytes())));
        Duration duration = Duration.between(dump.startedAt(), Instant.now());

        JobColumns result = progress.columns().set("phase", "done")
                .set("logical_size", logicalSize).set("stored_size", storedSize).set("new_bytes", newBytes)
                .set("dedup_ratio", dedupRatio).set("table_stats", new JobColumns.Json(json.writeValueAsString(tables)))
                .set("manifest_key", manifestKey).set("manifest_sha256", manifestSha)
                .set("server_version", dump.serverVersion()).set("error", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", context.job().attempt());
        data.put("logicalSize", logicalSize);
        data.put("storedSize", storedSize);
        data.put("newBytes", newBytes);
        data.put("dedupRatio", dedupRatio);
        data.put("tables", tables.size());
        data.put("rows", dump.totalRows());
        data.put("durationMs", duration.toMillis());
        data.put("manifestKey", manifestKey);
        data.put("manifestSha256", manifestSha);
        data.put("serverVersion", dump.serverVersion());
        return new JobOutcome(result, data,
                BackupContents.rows(context.job().tenantId(), context.job().id(), manifest))
                .afterCompletion(() -> metrics.backupCompleted(p, storedSize, dedupRatio));
    }

    private BackupRequest load(ClaimedJob job) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select source_id, type, options::text, database_name from backups where id = ? and tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("backup-missing", "backup row vanished");
                }
                return new BackupRequest(job.id(), job.tenantId(), rs.getObject(1, java.util.UUID.class),
                        rs.getString(2), json.readValue(rs.getString(3), BackupOptions.class), rs.getString(4));
            }
        }
    }
}
