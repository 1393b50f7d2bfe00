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
        boolean force = Boolean.TRUE.equals(request.force());
        var record = new RestoreWriter.NewRestore(caller.tenantId(), request.backupId(), request.target().sourceId(),
                database, force, idempotencyKey, IdempotencyKeys.requestHash(json, List.of(
                        request.backupId().toString(), request.target().sourceId().toString(), database, force)));
        if (idempotencyKey == null || Restore.findByIdempotencyKey(caller.tenantId(), idempotencyKey).isEmpty()) {
            // a replay returns the recorded restore without connecting to the target again
            targets.check(caller.tenantId(), request.backupId(), request.target().sourceId(), database);
        }
        try {
            return writer.record(record);
        } catch (RuntimeException e) {
            // two concurrent requests with one key: the loser hits the unique index after the winner committed
            if (idempotencyKey != null && UniqueViolations.isUniqueViolation(e)) {
                return writer.record(record);
            }
            throw e;
        }
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

    /** The checks that need the catalog, run inside the recording transaction by {@link RestoreWriter}. */
    static void checkRestorable(Backup backup, Source target, String database, boolean force) {
        BackupLifecycle.requireLive(backup);
        if (!JobState.COMPLETED.wireName().equals(backup.state)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "backup " + backup.id + " is " + backup.state + "; only a completed backup can be restored",
                    "backupId");
        }
        if (backup.corrupted && !force) {
            throw CorruptedBackups.refusal(backup, "restored");
        }
        if (target.id.equals(backup.sourceId) && target.databaseName.equals(database)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "refusing to restore over the backed-up database itself; choose another target database",
                    "target.database");
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
