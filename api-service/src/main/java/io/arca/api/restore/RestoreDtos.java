package io.arca.api.restore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the restore endpoints. */
public final class RestoreDtos {
    private RestoreDtos() {
    }

    @Schema(name = "RestoreRequest", description = "What to restore, where, and how. Options that would overwrite or "
            + "drop data the target holds now need confirmDataLoss: true (else 409 data-loss-unconfirmed listing what)")
    public record RestoreRequest(
            @Schema(required = true, description = "A completed backup of this tenant") UUID backupId,
            @Schema(required = true, description = "Where to restore") TargetRequest target,
            @Schema(description = "Restore even a backup that a verification found corrupted (the worker stops at "
                    + "the first damaged chunk)", defaultValue = "false") Boolean force,
            @Schema(description = "Restore only these tables, whole (definition, rows, owned sequences, indexes, "
                    + "constraints, triggers, foreign keys among them). Patterns as in backups: schema.table, '*' "
                    + "matches any characters; each must match a table of the backup (422 tables-match-nothing "
                    + "names those that do not); a partitioned table brings its partitions. Absent or empty: every "
                    + "table", examples = "[\"public.orders\", \"public.order_items\"]") List<String> tables,
            @Schema(description = "replace: restore the backup's objects; merge: bring back the backup's rows into "
                    + "existing tables by primary key, keeping rows written since (needs tables)",
                    enumeration = {"replace", "merge"}, defaultValue = "replace") String mode,
            @Schema(description = "In a merge: what a backup row whose primary key the target holds does. skip keeps "
                    + "the target's row; overwrite replaces it (needs confirmDataLoss when the table holds rows)",
                    enumeration = {"skip", "overwrite"}, defaultValue = "skip") String onConflict,
            @Schema(description = "Definitions only, no rows", defaultValue = "false") Boolean schemaOnly,
            @Schema(description = "Rows only, into existing tables: each selected table is emptied and reloaded in "
                    + "one transaction (needs confirmDataLoss when one holds rows)", defaultValue = "false")
            Boolean dataOnly,
            @Schema(description = "Restore no owners or privileges (for targets without the source's roles): the "
                    + "target source's user owns everything", defaultValue = "false") Boolean skipOwnership,
            @Schema(description = "Drop the restored objects where the target has them, then re-create them (needs "
                    + "confirmDataLoss when the target has them); without it a conflicting object fails the "
                    + "restore before anything is written", defaultValue = "false") Boolean dropExisting,
            @Schema(description = "Refuse a table selection that leaves out a table one of its foreign keys "
                    + "references (default: such foreign keys are reported and skipped)", defaultValue = "false")
            Boolean strict,
            @Schema(description = "Confirms that the restore may overwrite or drop data the target holds now "
                    + "(dropExisting over existing tables, dataOnly into tables with rows, merge with overwrite, "
                    + "or the backed-up database itself as target)", defaultValue = "false") Boolean confirmDataLoss,
            @Schema(description = "When the restore overwrites data, first back up what it overwrites (a backup "
                    + "with origin safety, linked as safetyBackupId); false skips it", defaultValue = "true")
            Boolean safetyBackup,
            @Schema(description = "Sessions loading table data at once into a new database (1-16; default: the "
                    + "worker's arca.worker.table-parallelism)", minimum = "1", maximum = "16") Integer parallelism,
            @Schema(description = "Change nothing: read the manifest, inspect the target and complete with a "
                    + "preview (objects, rows and bytes, conflicts, privileges, estimate). Needs no "
                    + "confirmDataLoss and takes no safety backup", defaultValue = "false") Boolean dryRun) {
    }

    @Schema(name = "RestoreTarget", description = "Where to restore: a database on the server of an existing "
            + "source, new (created) or existing. Never Arca's own catalog database; the backed-up database itself "
            + "only with dropExisting, dataOnly or merge and confirmDataLoss.")
    public record TargetRequest(
            @Schema(required = true, description = "A source of this tenant: its server and credentials are used")
            UUID sourceId,
            @Schema(required = true, description = "Database name, exactly (case-sensitive); not postgres, "
                    + "template0 or template1", examples = "shop_restored", maxLength = 63) String database) {
    }

    @Schema(name = "RestoreProgress")
    public record Progress(
            @Schema(description = "What the worker is doing now") String phase,
            @Schema(description = "Bytes of table data loaded so far") long bytesRestored,
            @Schema(description = "Tables finished") int tablesDone,
            @Schema(description = "Tables the restore loads") int tablesTotal) {
    }

    @Schema(name = "Restore")
    public record RestoreView(
            @Schema(description = "The restore's id") UUID id,
            @Schema(description = "The backup being restored") UUID backupId,
            @Schema(description = "Where it restores") TargetView target,
            @Schema(description = "pending, queued, running, completed, failed or cancelled") String state,
            @Schema(description = "1 for the first run, higher after retries") int attempt,
            @Schema(description = "Progress of the running job") Progress progress,
            @Schema(description = "Why the restore failed; null otherwise") String error,
            @Schema(description = "The accepted request options, defaults applied: force, tables, mode, "
                    + "onConflict, schemaOnly, dataOnly, skipOwnership, dropExisting, strict, confirmDataLoss, "
                    + "safetyBackup and parallelism (absent: the worker's default)") Map<String, Object> options,
            @Schema(description = "A dry run: changes nothing, completes with a preview") boolean dryRun,
            @Schema(description = "What the restore will do or, for a dry run, would do (objects per kind, tables "
                    + "with rows and bytes, bytes to fetch, conflicts, privileges, estimate); null until the "
                    + "worker inspected the target") Map<String, Object> preview,
            @Schema(description = "What the restore did (rows per table, foreign keys left out, merge counts); "
                    + "null until it completed") Map<String, Object> result,
            @Schema(description = "The backup of the target's objects taken before they are overwritten (origin "
                    + "safety); null when nothing is overwritten or safetyBackup was false") UUID safetyBackupId,
            @Schema(description = "When the restore was requested") Instant createdAt,
            @Schema(description = "When a worker started it") Instant startedAt,
            @Schema(description = "When it finished") Instant finishedAt,
            @Schema(description = "Last change of state or progress") Instant updatedAt) {
    }

    @Schema(name = "RestoreTargetView")
    public record TargetView(
            @Schema(description = "The source whose server holds the target database") UUID sourceId,
            @Schema(description = "The target database") String database) {
    }

    static RestoreView view(Restore r) {
        return new RestoreView(r.id, r.backupId, new TargetView(r.targetSourceId, r.targetDatabase), r.state,
                r.attempt, new Progress(r.phase, r.bytesRestored, r.tablesDone, r.tablesTotal), r.error, r.options,
                r.dryRun, r.preview, r.result, r.safetyBackupId,
                r.createdAt, r.startedAt, r.finishedAt, r.updatedAt);
    }
}
