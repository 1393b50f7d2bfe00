package io.arca.api.restore;

import io.arca.api.backup.Backup;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.source.Source;
import io.arca.api.source.SourceChecker;
import io.arca.pg.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/**
 * Refuses at request time (409) a restore whose target is Arca's own catalog database, whatever the options, and
 * recognises the database the backup was taken from reached through another source (another host name, address,
 * port or alias of the same server): targets are compared by {@link ServerIdentity}, what the server is, not by host
 * strings. A target the API cannot reach now is let through: the worker makes the same check before it creates or
 * writes anything, and fails the job with the reason.
 */
@ApplicationScoped
class RestoreTargetGuard {
    @Inject
    SourceChecker checker;

    @Inject
    EntityManager em;

    /**
     * @return whether the target is the backed-up database itself, reached through another source (the caller
     *         decides whether the options allow that); false when the target cannot be reached now
     */
    boolean check(UUID tenantId, UUID backupId, UUID targetSourceId, String database) {
        Optional<Source> target = Source.findInTenant(tenantId, targetSourceId);
        Optional<ServerIdentity> reached = target.flatMap(checker::identity);
        if (reached.isEmpty()) {
            return false; // unknown source: the writer answers 404; unreachable: the worker checks where it runs
        }
        ServerIdentity targetDatabase = reached.get().withDatabase(database);
        if (catalog().equals(targetDatabase)) {
            throw new ProblemException(ProblemType.CONFLICT, "refusing to restore into Arca's own catalog database '"
                    + database + "' (the target source's server is the catalog's server); choose another database",
                    "target.database");
        }
        Optional<Backup> backup = Backup.findInTenant(tenantId, backupId)
                .filter(b -> !b.sourceId.equals(targetSourceId));
        // a backup names its database when it is not its source's own (a safety backup of a restore target)
        Optional<ServerIdentity> backedUp = backup
                .flatMap(b -> Source.findInTenant(tenantId, b.sourceId))
                .flatMap(checker::identityIfAllowed) // a source that may not be reached now is not compared
                .map(id -> backup.get().databaseName == null ? id : id.withDatabase(backup.get().databaseName));
        return backedUp.filter(targetDatabase::equals).isPresent();
    }

    private ServerIdentity catalog() {
        Object[] row = (Object[]) em.createNativeQuery(
                "select system_identifier::text, current_database() from pg_control_system()").getSingleResult();
        return new ServerIdentity((String) row[0], (String) row[1]);
    }
}
