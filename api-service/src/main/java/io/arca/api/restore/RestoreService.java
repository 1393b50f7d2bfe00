package io.arca.api.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.auth.Caller;
import io.arca.api.backup.Backup;
import io.arca.api.backup.CorruptedBackups;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.IdempotencyKeys;
import io.arca.api.job.UniqueViolations;
import io.arca.api.restore.RestoreDtos.RestoreRequest;
import io.arca.api.restore.RestoreDtos.RestoreView;
import io.arca.api.source.Source;
import io.arca.common.job.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Accepts restore requests (validated, recorded with their job message in one transaction) and reads restores. */
@ApplicationScoped
public class RestoreService {
    /** PostgreSQL truncates identifiers longer than 63 bytes (NAMEDATALEN - 1); refuse instead of truncating. */
    private static final int MAX_DATABASE_NAME_BYTES = 63;
    /** Restoring into these would damage the server's own databases. */
    private static final Set<String> RESERVED_DATABASES = Set.of("postgres", "template0", "template1");

    @Inject
    Caller caller;

    @Inject
    RestoreWriter writer;

    @Inject
    RestoreTargetGuard targets;

    @Inject
    RestoreSelection selection;

    @Inject
    DataLossCheck dataLoss;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The restore and whether this request created it ({@code false}: replay of an Idempotency-Key). */
    public record Accepted(RestoreView restore, boolean created) {
    }

    public Accepted create(RestoreRequest request, String idempotencyKey) {
        if (request == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        if (request.backupId() == null) {
            throw ProblemException.invalid("backupId", "backupId is required");
        }
        if (request.target() == null) {
            throw ProblemException.invalid("target", "target is required");
        }
        if (request.target().sourceId() == null) {
            throw ProblemException.invalid("target.sourceId", "target.sourceId is required");
        }
        String database = checkDatabaseName(request.target().database());
        IdempotencyKeys.check(idempotencyKey);
        RestoreRequestOptions options = RestoreRequestOptions.of(request);
        var record = new RestoreWriter.NewRestore(caller.tenantId(), request.backupId(), request.target().sourceId(),
                database, options, idempotencyKey, IdempotencyKeys.requestHash(json, List.of(
                        request.backupId().toString(), request.target().sourceId().toString(), database,
                        options.canonical())));
        // a replay returns the recorded restore without looking at the backup or the target again
        boolean replay = idempotencyKey != null
                && Restore.findByIdempotencyKey(caller.tenantId(), idempotencyKey).isPresent();
        Overwrites overwrites = replay ? Overwrites.nothing(database) : admit(record);
        try {
            return writer.record(record, overwrites);
        } catch (RuntimeException e) {
            // two concurrent requests with one key: the loser hits the unique index after the winner committed
            if (idempotencyKey != null && UniqueViolations.isUniqueViolation(e)) {
                return writer.record(record, overwrites);
            }
            throw e;
        }
    }

    /**
     * The checks that read the backup's contents or connect to the target, before the recording transaction (which
     * checks the backup's state again under its lock): the restorable backup, the table patterns, the target's
     * identity and what the restore would overwrite there.
     *
     * @return what the restore overwrites, confirmed (a safety backup saves it first unless the request said not)
     */
    private Overwrites admit(RestoreWriter.NewRestore record) {
        Backup backup = Backup.findInTenant(record.tenantId(), record.backupId())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "backup " + record.backupId() + " not found", "backupId"));
        Source target = Source.findInTenant(record.tenantId(), record.targetSourceId())
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_SOURCE,
                        "source " + record.targetSourceId() + " not found", "target.sourceId"));
        RestoreRequestOptions options = record.options();
        checkRestorable(backup, options.force());
        // patterns are checked against the backup's tables at once; the whole list is read only when needed
        RestoreSelection.Selected selected = options.tables().isEmpty() ? null
                : selection.select(backup, options.tables());
        // the guard always runs: it also refuses Arca's catalog database
        boolean reachedBackedUp = targets.check(record.tenantId(), backup.id, target.id, record.targetDatabase());
        boolean backedUp = reachedBackedUp || isBackedUpDatabase(backup, target, record.targetDatabase());
        if (backedUp && !options.fitsTheBackedUpDatabase()) {
            throw new ProblemException(ProblemType.CONFLICT, "refusing to restore over the backed-up database '"
                    + record.targetDatabase() + "' itself: every object of the backup exists there. Restore into "
                    + "another database, or over it with dropExisting, dataOnly or mode merge (with "
                    + "confirmDataLoss: true)", "target.database");
        }
        if (!DataLossCheck.inspects(options, backedUp)) {
            return Overwrites.nothing(record.targetDatabase());
        }
        RestoreSelection.Selected restored = selected != null ? selected : selection.select(backup, List.of());
        return dataLoss.check(target, record.targetDatabase(), restored,
                RestoreSelection.definedWithoutRows(backup, restored, options.tables()), options, backedUp);
    }

    /** The target source is the backup's own source and names the same database (a check without connecting). */
    static boolean isBackedUpDatabase(Backup backup, Source target, String database) {
        return target.id.equals(backup.sourceId)
                && database.equals(backup.databaseName != null ? backup.databaseName : target.databaseName);
    }

    public RestoreView get(UUID id) {
        return Restore.findInTenant(caller.tenantId(), id).map(RestoreDtos::view)
                .orElseThrow(() -> ProblemException.notFound("restore", id));
    }

    /** Newest first, optionally for one backup; keyset pagination. */
    public Page<RestoreView> list(String backupIdText, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        UUID backupId = QueryParams.optionalUuid(backupIdText, "backupId");
        Cursor after = Cursor.decode(cursor);
        List<Restore> rows = NewestFirst.inTenant("restores", caller.tenantId())
                .whereIfGiven("backup_id = :backup", "backup", backupId)
                .fetch(em, Restore.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, RestoreDtos::view);
    }

    /** The backup's own checks: before the target is inspected, and again in the recording transaction. */
    static void checkRestorable(Backup backup, boolean force) {
        BackupLifecycle.requireLive(backup);
        if (!JobState.COMPLETED.wireName().equals(backup.state)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "backup " + backup.id + " is " + backup.state + "; only a completed backup can be restored",
                    "backupId");
        }
        if (backup.corrupted && !force) {
            throw CorruptedBackups.refusal(backup, "restored");
        }
    }

    static String checkDatabaseName(String database) {
        if (database == null || database.isBlank()) {
            throw ProblemException.invalid("target.database", "target.database is required");
        }
        if (database.getBytes(StandardCharsets.UTF_8).length > MAX_DATABASE_NAME_BYTES) {
            throw ProblemException.invalid("target.database",
                    "target.database is longer than " + MAX_DATABASE_NAME_BYTES + " bytes");
        }
        if (database.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("target.database", "target.database contains control characters");
        }
        if (RESERVED_DATABASES.contains(database.toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalid("target.database",
                    "target.database must not be one of " + RESERVED_DATABASES);
        }
        return database;
    }
}
