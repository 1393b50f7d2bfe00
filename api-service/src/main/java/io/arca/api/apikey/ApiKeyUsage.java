package io.arca.api.apikey;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps {@code api_keys.last_used_at} roughly current without a write per request: each replica writes it at most
 * once a minute per key, and the update's own condition keeps several replicas from writing it more often than
 * that between them. Minute precision is enough to tell a key in use from a forgotten one.
 */
@ApplicationScoped
public class ApiKeyUsage {
    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);
    static final Duration PRECISION = Duration.ofMinutes(1);

    private final OncePerInterval<UUID> writes = new OncePerInterval<>(PRECISION, System::nanoTime);

    @Inject
    EntityManager em;

    /** Called for every authenticated request; writes (in its own short transaction) only when a minute is due. */
    public void recordUse(UUID keyId) {
        if (!writes.due(keyId)) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update api_keys set last_used_at = now() where id = ?1"
                                    + " and (last_used_at is null or last_used_at < now() - ?2 * interval '1 second')")
                    .setParameter(1, keyId)
                    .setParameter(2, PRECISION.toSeconds())
                    .executeUpdate());
        } catch (RuntimeException e) {
            // a usage timestamp is not worth failing the caller's request for; the next request tries again
            writes.forget(keyId);
            LOG.warnf("could not record the use of API key %s: %s", keyId, e.toString());
        }
    }
}
