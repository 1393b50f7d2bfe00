package io.arca.api.restore;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.source.Source;
import io.arca.api.source.SourceChecker;
import io.arca.api.source.SourceConnections;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import io.arca.pg.restore.TargetInspection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides, by inspecting the target ({@link TargetInspection}, the facts a dry run's preview quotes too), whether a
 * restore would overwrite or drop data it holds now, and refuses it (409 {@code data-loss-unconfirmed}, listing
 * what) unless the request says {@code confirmDataLoss: true}:
 * <ul>
 *   <li>{@code dropExisting}: every restored table the target has, whatever its rows (its definition, grants and
 *       rows are replaced), and for a whole-backup restore the schemas it has;</li>
 *   <li>{@code dataOnly}, and {@code merge} with {@code onConflict: overwrite}: restored tables holding rows;</li>
 *   <li>the backed-up database itself as target, always.</li>
 * </ul>
 * A dry run changes nothing and needs no confirmation. What is found is also what a safety backup saves.
 */
@ApplicationScoped
class DataLossCheck {
    @Inject
    SourceConnections connections;

    /**
     * Whether the target must be inspected: not for a dry run, nor for options that overwrite nothing, nor for a
     * request that confirmed the loss and wants no safety backup (nothing to list, nothing to save).
     */
    static boolean inspects(RestoreRequestOptions options, boolean backedUpDatabase) {
        return !options.dryRun() && (options.mayOverwrite() || backedUpDatabase)
                && !(options.confirmDataLoss() && !options.safetyBackup());
    }

    /**
     * @param selected           the backup's tables the restore selects
     * @param definedWithoutRows the target's tables the restore also re-creates though the selection cannot name
     *                           them ({@link RestoreSelection#definedWithoutRows}); empty when there are none
     * @return what the restore overwrites, confirmed by the request (else 409)
     */
    Overwrites check(Source target, String database, RestoreSelection.Selected selected,
                     Optional<Predicate<QualifiedTable>> definedWithoutRows, RestoreRequestOptions options,
                     boolean backedUpDatabase) {
        // dropExisting re-creates every selected table; the other modes write only the rows the backup holds
        List<QualifiedTable> restored = selected.tables().stream()
                .filter(t -> options.dropExisting() || t.hasRows()).map(BackupTables.Table::table).toList();
        TargetInspection inspection = inspect(target, database, restored,
                options.dropExisting() ? definedWithoutRows : Optional.empty());
        Overwrites found = overwrites(inspection, database, options, backedUpDatabase);
        if (found.needsConfirmation() && !options.confirmDataLoss()) {
            throw new ProblemException(ProblemType.DATA_LOSS_UNCONFIRMED, found.describe() + ". Repeat the request "
                    + "with confirmDataLoss: true to proceed" + (options.safetyBackup() && found.losesData()
                    ? " (a safety backup of these tables is taken first unless safetyBackup: false)" : ""),
                    "confirmDataLoss", Map.of("wouldOverwrite", found.member()));
        }
        return found;
    }

    private TargetInspection inspect(Source target, String database, List<QualifiedTable> restored,
                                     Optional<Predicate<QualifiedTable>> alsoTarget) {
        PgConnectionSpec spec = connections.spec(target, database);
        try {
            Set<QualifiedTable> tables = new LinkedHashSet<>(restored);
            if (alsoTarget.isPresent()) {
                TargetTables.list(spec).stream().filter(alsoTarget.get()).forEach(tables::add);
            }
            List<String> schemas = tables.stream().map(QualifiedTable::schema).distinct().toList();
            return TargetInspection.of(spec,
                    new TargetInspection.Request(tables, schemas, List.of(), List.of(), false, false));
        } catch (PgEngineException e) {
            throw notInspectable(database, e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        } catch (SQLException e) {
            throw notInspectable(database, SourceChecker.reason(e));
        }
    }

    /** Not knowing what is there, the API can neither list what would be lost nor save it first. */
    private static ProblemException notInspectable(String database, String reason) {
        return new ProblemException(ProblemType.TARGET_NOT_INSPECTABLE, "cannot inspect the target database '"
                + database + "' to see what this restore would overwrite (" + reason + "); retry when it is "
                + "reachable, or send confirmDataLoss: true with safetyBackup: false to restore without that check",
                "target.sourceId");
    }

    static Overwrites overwrites(TargetInspection inspection, String database, RestoreRequestOptions options,
                                 boolean backedUpDatabase) {
        if (!inspection.databaseExists()) {
            return Overwrites.nothing(database);
        }
        List<ExistingTable> tables = new ArrayList<>();
        for (ExistingTable t : inspection.existingTables()) {
            if (options.dropExisting() || (options.mayOverwrite() && holdsRows(t))) {
                tables.add(t);
            }
        }
        // a whole-backup restore with dropExisting drops and re-creates the backup's schemas too; not public,
        // which every database has and pg_dump neither creates nor drops
        List<String> schemas = options.dropExisting() && options.tables().isEmpty()
                ? inspection.existingSchemas().stream().filter(s -> !"public".equals(s)).toList() : List.of();
        return new Overwrites(database, backedUpDatabase, schemas, tables);
    }

    /** An estimated count of 0 or -1 (never analyzed) is trusted only for a table without bytes. */
    private static boolean holdsRows(ExistingTable t) {
        return t.rows() > 0 || (t.rowsEstimated() && t.bytes() > 0);
    }
}
