package io.arca.worker.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.store.ObjectStore;
import io.arca.jobs.JobColumns;
import io.arca.pg.DumpEntry;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestorePreview;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobOutcome;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A dry run: changes nothing, and completes with the preview ({@code restores.preview}): the engine's preview (what
 * would be applied, what the target holds) with two more parts only the job can tell: {@code bucket}
 * ({@link BucketFacts}) and {@code estimate} ({@link RestoreEstimate}).
 */
final class DryRunPreview {
    private static final Logger LOG = Logger.getLogger(DryRunPreview.class);
    private final AgroalDataSource db;
    private final ObjectStore store;
    private final RestoreConfig config;
    private final ObjectMapper json;
    private final PgRestorer restorer;

    DryRunPreview(AgroalDataSource db, ObjectStore store, RestoreConfig config, ObjectMapper json,
            PgRestorer restorer) {
        this.db = db;
        this.store = store;
        this.config = config;
        this.json = json;
        this.restorer = restorer;
    }

    /** Previews the restore, adds the bucket facts and the estimate, and completes the job with them. */
    JobOutcome run(JobContext context, RestoreJobOptions options, PgConnectionSpec target,
            ArchiveEntrySource source, Manifest manifest, RestoreProgress progress)
            throws Exception {
        progress.phase("previewing");
        long started = System.nanoTime();
        RestorePreview engine = restorer.preview(target, options.engine(), source);
        // the engine's tables are exact (partitions of selected parents included)
        List<DumpEntry> read = SelectedEntries.ofPreview(options.engine(), source.entries(), engine);
        progress.tablesTotal(SelectedEntries.tables(read));
        BucketFacts bucket = BucketFacts.of(store, context.job().tenantId().toString(), manifest, read);
        long bytesToLoad = DryRunPreview.bytesToLoad(manifest, read);
        RestoreEstimate estimate;
        try (Connection c = db.getConnection()) {
            estimate = RestoreEstimate.of(c, context.job().tenantId(), bytesToLoad,
                    config.estimateDefaultBytesPerSecond());
        }
        context.throwIfCancelled();
        ObjectNode preview = DryRunPreview.json(json, engine, bucket, estimate);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("dry run %s: %d entries, %d bytes to fetch in %d chunks (%d missing), estimate %d ms; took %d ms",
                context.job().id(), read.size(), bucket.bytesToFetch(), bucket.chunksToRead(),
                bucket.chunksMissing(), estimate.durationMs(), tookMs);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", context.job().attempt());
        data.put("dryRun", true);
        data.put("bytesToFetch", bucket.bytesToFetch());
        data.put("allChunksPresent", bucket.allChunksPresent());
        data.put("estimatedDurationMs", estimate.durationMs());
        JobColumns columns = progress.columns().set("phase", "done").set("error", null)
                .set("preview", new JobColumns.Json(json.writeValueAsString(preview)));
        return new JobOutcome(columns, data);
    }


    /** Plaintext bytes of the entries the restore applies: what it will feed the target (bytes_restored). */
    static long bytesToLoad(Manifest manifest, List<DumpEntry> entries) {
        long bytes = 0;
        for (DumpEntry e : entries) {
            bytes += manifest.entry(e.name()).map(ManifestEntry::size).orElse(0L);
        }
        return bytes;
    }

    static ObjectNode json(ObjectMapper json, Object enginePreview, BucketFacts bucket, RestoreEstimate estimate) {
        ObjectNode preview = json.valueToTree(enginePreview);
        ObjectNode b = preview.putObject("bucket");
        b.put("bytesToFetch", bucket.bytesToFetch());
        b.put("chunksToRead", bucket.chunksToRead());
        b.put("chunksMissing", bucket.chunksMissing());
        b.put("allChunksPresent", bucket.allChunksPresent());
        if (!bucket.allChunksPresent()) {
            b.put("problem", bucket.chunksMissing() + " of the " + bucket.chunksToRead() + " chunks the restore "
                    + "would read are missing from the bucket: the restore would fail; verify the backup");
            b.putPOJO("missingChunks", bucket.missingExamples());
        }
        ObjectNode e = preview.putObject("estimate");
        e.put("durationMs", estimate.durationMs());
        e.put("bytesPerSecond", estimate.bytesPerSecond());
        e.put("basis", estimate.basis());
        return preview;
    }
}
