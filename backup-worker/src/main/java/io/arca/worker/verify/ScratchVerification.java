package io.arca.worker.verify;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.export.BackupContent;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestoreTargets;
import io.arca.pg.verify.CopyTextChecksum;
import io.arca.worker.config.WorkerConfig;
import io.arca.worker.failure.FailureClassifier;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobFailure;
import io.arca.worker.job.LeaseLostException;
import io.arca.worker.source.SourceConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The deep part of a verification: restores the backup into a scratch database {@code arca_verify_<id>_<attempt>} on
 * the target source, then compares every table with the backup: the restored row count with the dump plan's, and
 * the restored rows' {@link CopyTextChecksum} (over {@code COPY ... TO STDOUT} with the dump's session settings) with
 * the checksum of the table's entry as read from the archive during the restore. The entry's bytes are pinned by the
 * SHA-256 the manifest recorded at dump time (checked at the end of every entry), so this compares the restore with
 * what the backup recorded, not with the source as it is now.
 *
 * <p>The scratch database carries this attempt's mark and is always dropped again (success, failure, cancellation).
 * A worker that died leaves its attempt's database behind: the next attempt of the same job drops it first.
 */
@ApplicationScoped
public class ScratchVerification {
    private static final Logger LOG = Logger.getLogger(ScratchVerification.class);

    private final SourceConnections sources;
    private final WorkerConfig config;
    private final Instance<ScratchDatabaseHook> hooks;
    private final PgRestorer restorer = new PgRestorer();

    public ScratchVerification(SourceConnections sources, WorkerConfig config, Instance<ScratchDatabaseHook> hooks) {
        this.sources = sources;
        this.config = config;
        this.hooks = hooks;
    }

    /** One table of the backup against its restore. */
    record TableComparison(String entry, String schema, String table, long rows, long restoredRows,
            boolean checksumMatch) {
        boolean matches() {
            return checksumMatch && rows == restoredRows;
        }
    }

    /** The name of the scratch database of one attempt (lower case, so it never needs quoting). */
    static String scratchName(JobContext context, int attempt) {
        return "arca_verify_" + context.job().id().toString().replace("-", "").substring(0, 12) + "_" + attempt;
    }

    private static String mark(JobContext context, int attempt) {
        return "arca-verify:" + context.job().id() + ":" + attempt;
    }

    /**
     * @throws JobFailure for what went wrong outside the backup (target unreachable, restore failed), with the target's
     *                    password redacted from the message
     */
    List<TableComparison> run(JobContext context, VerifyRequest request, BackupReader reader, Manifest manifest,
            VerifyProgress progress) throws Exception {
        PgConnectionSpec maintenance = sources.connection(request.tenantId(), request.targetSourceId(), null);
        try {
            return restoreAndCompare(context, reader, manifest, progress, maintenance);
        } catch (LeaseLostException | JobFailure e) {
            throw e;
        } catch (Exception e) {
            context.throwIfCancelled();
            throw FailureClassifier.classify(e, maintenance);
        }
    }

    private List<TableComparison> restoreAndCompare(JobContext context, BackupReader reader, Manifest manifest,
            VerifyProgress progress, PgConnectionSpec maintenance) throws Exception {
        DumpPlan plan;
        try {
            plan = BackupContent.readPlan(reader, manifest);
        } catch (IOException e) {
            throw new JobFailure("unsupported-format", "the backup's dump plan cannot be read by this worker: "
                    + e.getMessage(), e);
        }
        List<DumpEntry> tables = plan.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();
        progress.tablesTotal(tables.size());
        int attempt = context.job().attempt();
        String name = scratchName(context, attempt);
        for (int earlier = 1; earlier < attempt; earlier++) {
            RestoreTargets.dropIfMarked(maintenance, scratchName(context, earlier), mark(context, earlier));
        }
        if (RestoreTargets.prepare(maintenance, name, mark(context, attempt)) == RestoreTargets.Outcome.EXISTING) {
            throw new JobFailure("scratch-database-exists", "the target source already has a database " + name
                    + " that this verification did not create; it was left untouched");
        }
        try {
            context.throwIfCancelled();
            PgConnectionSpec scratch = maintenance.withDatabase(name);
            ChecksummingEntrySource source = new ChecksummingEntrySource(reader, manifest, plan, context, progress);
            restorer.restore(scratch, RestoreOptions.full().withParallelism(config.tableParallelism()), source);
            context.throwIfCancelled();
            for (ScratchDatabaseHook hook : hooks) {
                hook.restored(scratch);
            }
            progress.phase("comparing");
            return compare(scratch, tables, plan, source, context);
        } finally {
            // also after a cancellation: let the drop's own I/O run, then keep the job thread interrupted
            boolean interrupted = Thread.interrupted();
            try {
                RestoreTargets.dropIfMarked(maintenance, name, mark(context, attempt));
            } catch (RuntimeException e) {
                LOG.warnf("verification %s: scratch database %s not dropped: %s", context.job().id(), name,
                        e.getMessage());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static List<TableComparison> compare(PgConnectionSpec scratch, List<DumpEntry> tables, DumpPlan plan,
            ChecksummingEntrySource source, JobContext context) throws Exception {
        List<TableComparison> result = new ArrayList<>();
        try (Connection session = CopyTextChecksum.openSession(scratch)) {
            for (DumpEntry table : tables) {
                context.throwIfCancelled();
                CopyTextChecksum archived = source.checksum(table);
                CopyTextChecksum restored = CopyTextChecksum.ofTable(session, table);
                long rows = plan.rowCounts().getOrDefault(table.name(), archived == null ? -1 : archived.rows());
                boolean same = archived != null && archived.rows() == rows
                        && archived.checksum().equals(restored.checksum());
                result.add(new TableComparison(table.name(), table.schema(), table.table(), rows, restored.rows(),
                        same));
            }
        }
        return result;
    }
}
