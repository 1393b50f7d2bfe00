package io.arca.worker.restore;

import io.agroal.api.AgroalDataSource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.ServerIdentity;
import io.arca.pg.internal.JdbcSessions;
import io.arca.worker.job.JobFailure;
import io.arca.worker.source.SourceConnections;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refuses, before anything is created or written, a restore whose target database is Arca's own catalog or the
 * database the backup was taken from, compared by {@link ServerIdentity} (the server's system identifier and the
 * database name), so host aliases, forwarded ports and DNS names cannot slip past. The API refuses the same targets at
 * request time when it can reach them; this check runs where the restore runs, so it holds even when the API could
 * not look. The backed-up database is a legitimate target (bringing back one table a bad migration damaged) for a dry
 * run and for a request with {@code confirmDataLoss}, as the API decides too.
 */
@ApplicationScoped
public class RestoreTargetGuard {
    private static final Logger LOG = Logger.getLogger(RestoreTargetGuard.class);

    private final AgroalDataSource catalog;
    private final SourceConnections sources;

    public RestoreTargetGuard(AgroalDataSource catalog, SourceConnections sources) {
        this.catalog = catalog;
        this.sources = sources;
    }

    /**
     * @param maintenance    a session spec for the target server (its source's own database)
     * @param targetDatabase the database the restore writes into
     * @param backedUpSource the source the backup was taken from
     * @param backedUpDb     the database the backup read on that source's server (null: the source's own)
     * @param overBackedUp   whether the restore may target the backed-up database itself (see above)
     */
    public void check(UUID tenantId, PgConnectionSpec maintenance, String targetDatabase, UUID backedUpSource,
            String backedUpDb, boolean overBackedUp) throws JobFailure, SQLException {
        ServerIdentity target = identity(maintenance).withDatabase(targetDatabase);
        ServerIdentity arca;
        try (Connection c = catalog.getConnection()) {
            arca = ServerIdentity.of(c);
        }
        if (arca.equals(target)) {
            throw new JobFailure("target-is-catalog", "refusing to restore into Arca's own catalog database '"
                    + targetDatabase + "' (the target source's server is the catalog's server); choose another database");
        }
        if (overBackedUp) {
            return;
        }
        ServerIdentity backedUp;
        try {
            PgConnectionSpec spec = sources.connection(tenantId, backedUpSource, null);
            backedUp = identity(spec);
            if (backedUpDb != null) {
                backedUp = backedUp.withDatabase(backedUpDb);
            }
        } catch (JobFailure | PgEngineException e) {
            // the backed-up source is gone or unreachable: nothing can be compared, and an existing target database is
            // never dropped (RestoreTargets), so the restore goes on and fails on the first object that exists
            LOG.infof("restore target check: the backed-up source %s cannot be reached (%s); not compared",
                    backedUpSource, e.getMessage());
            return;
        }
        if (backedUp.equals(target)) {
            throw new JobFailure("target-is-backed-up-database", "refusing to restore over the backed-up database '"
                    + targetDatabase + "' itself (the target source reaches the same server) without confirmDataLoss: "
                    + "choose another database, or confirm with confirmDataLoss: true");
        }
    }

    private static ServerIdentity identity(PgConnectionSpec spec) throws SQLException {
        try (Connection c = JdbcSessions.open(spec, PgEngineException.Reason.RESTORE_FAILED)) {
            return ServerIdentity.of(c);
        }
    }
}
