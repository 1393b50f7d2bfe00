package io.arca.api.source;

import io.arca.pg.PgConnectionSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How the API connects to a database on a source's server with the source's credentials (the password unsealed for
 * this one use), for arca-pg code that takes a {@link PgConnectionSpec}, such as a restore target's inspection.
 */
@ApplicationScoped
public class SourceConnections {
    @Inject
    PasswordSealer sealer;

    @Inject
    SourceDestinationGuard destinations;

    /**
     * {@code database} on {@code source}'s server, as the source's user.
     *
     * @throws io.arca.api.error.ProblemException 422 when the source's destination is not allowed (now)
     */
    public PgConnectionSpec spec(Source source, String database) {
        destinations.check(source.host, source.port);
        return new PgConnectionSpec(source.host, source.port, database, source.username,
                sealer.open(source.id, source.passwordSealed), source.sslMode);
    }
}
