package io.arca.api.restore;

import io.arca.api.backup.BackupOptionsValidator;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.restore.RestoreDtos.RestoreRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a restore request, checked and with defaults applied: what {@code restores.options} stores (keys
 * as the worker reads them, see {@link #stored()}) plus {@code dryRun} ({@code restores.dry_run}). Contradictions
 * are refused here with the field to blame (422 {@code invalid-restore-option}), before anything is looked up.
 *
 * @param parallelism null: the worker's default
 */
record RestoreRequestOptions(boolean force, List<String> tables, String mode, String onConflict, boolean schemaOnly,
                             boolean dataOnly, boolean skipOwnership, boolean dropExisting, boolean strict,
                             boolean confirmDataLoss, boolean safetyBackup, Integer parallelism, boolean dryRun) {

    static final String REPLACE = "replace";
    static final String MERGE = "merge";
    static final String SKIP = "skip";
    static final String OVERWRITE = "overwrite";
    /** More sessions than this only queue on the target's locks and I/O; 16 matches pg_restore -j in practice. */
    static final int MAX_PARALLELISM = 16;

    static RestoreRequestOptions of(RestoreRequest r) {
        List<String> tables = tables(r.tables());
        String mode = r.mode() == null ? REPLACE : r.mode();
        if (!REPLACE.equals(mode) && !MERGE.equals(mode)) {
            throw refused("mode", "mode must be replace or merge");
        }
        boolean merge = MERGE.equals(mode);
        if (r.onConflict() != null && !merge) {
            throw refused("onConflict", "onConflict is for merge restores (mode: merge); a replace restore "
                    + "re-creates the tables instead");
        }
        String onConflict = r.onConflict() == null ? SKIP : r.onConflict();
        if (!SKIP.equals(onConflict) && !OVERWRITE.equals(onConflict)) {
            throw refused("onConflict", "onConflict must be skip or overwrite");
        }
        boolean schemaOnly = isTrue(r.schemaOnly());
        boolean dataOnly = isTrue(r.dataOnly());
        boolean dropExisting = isTrue(r.dropExisting());
        if (schemaOnly && dataOnly) {
            throw refused("dataOnly", "schemaOnly and dataOnly exclude each other: choose one");
        }
        if (dropExisting && dataOnly) {
            throw refused("dropExisting", "dropExisting drops and re-creates the restored tables, which a dataOnly "
                    + "restore does not do (it empties and reloads them): choose one");
        }
        if (merge) {
            if (tables.isEmpty()) {
                throw refused("tables", "a merge restore needs tables: name the tables whose rows to bring back");
            }
            String excluded = schemaOnly ? "schemaOnly" : dataOnly ? "dataOnly" : dropExisting ? "dropExisting" : null;
            if (excluded != null) {
                throw refused(excluded, "a merge restore inserts rows into the existing tables: it takes no "
                        + excluded);
            }
        }
        Integer parallelism = r.parallelism();
        if (parallelism != null && (parallelism < 1 || parallelism > MAX_PARALLELISM)) {
            throw refused("parallelism", "parallelism must be between 1 and " + MAX_PARALLELISM);
        }
        return new RestoreRequestOptions(isTrue(r.force()), tables, mode, onConflict, schemaOnly, dataOnly,
                isTrue(r.skipOwnership()), dropExisting, isTrue(r.strict()), isTrue(r.confirmDataLoss()),
                r.safetyBackup() == null || r.safetyBackup(), parallelism, isTrue(r.dryRun()));
    }

    boolean merge() {
        return MERGE.equals(mode);
    }

    /**
     * Whether these options may overwrite or drop data of an existing target: then the target is inspected and,
     * where it holds what they would overwrite, confirmDataLoss is required.
     */
    boolean mayOverwrite() {
        return dropExisting || dataOnly || (merge() && OVERWRITE.equals(onConflict));
    }

    /** A restore into the backed-up database needs one of these: a plain restore would conflict with every object. */
    boolean fitsTheBackedUpDatabase() {
        return dropExisting || dataOnly || merge();
    }

    /** {@code restores.options} as the worker reads it (camelCase keys; parallelism absent = worker default). */
    Map<String, Object> stored() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("force", force);
        options.put("tables", tables);
        options.put("mode", mode);
        options.put("onConflict", onConflict);
        options.put("schemaOnly", schemaOnly);
        options.put("dataOnly", dataOnly);
        options.put("skipOwnership", skipOwnership);
        options.put("dropExisting", dropExisting);
        options.put("strict", strict);
        options.put("confirmDataLoss", confirmDataLoss);
        options.put("safetyBackup", safetyBackup);
        if (parallelism != null) {
            options.put("parallelism", parallelism);
        }
        return options;
    }

    /** Every option, dryRun too: the Idempotency-Key's request hash covers them all. */
    Map<String, Object> canonical() {
        Map<String, Object> all = stored();
        all.put("dryRun", dryRun);
        return all;
    }

    private static List<String> tables(List<String> patterns) {
        try {
            return BackupOptionsValidator.patterns(patterns, "tables");
        } catch (ProblemException e) {
            // the same patterns as backups, refused with the same words; as a restore option, a 422
            throw refused(e.field(), e.getMessage());
        }
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static ProblemException refused(String field, String detail) {
        return new ProblemException(ProblemType.INVALID_RESTORE_OPTION, detail, field);
    }
}
