package io.arca.api.auth;

import io.arca.api.apikey.ApiKey;
import io.arca.api.tenant.Tenant;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * At start-up: makes sure the {@code default} tenant exists and the configured bootstrap key is its admin.
 * Idempotent and safe with several replicas starting at once (a transaction-scoped advisory lock serialises them).
 * A previous bootstrap key (the configuration changed) is revoked.
 */
@ApplicationScoped
public class BootstrapKeyRegistrar {
    private static final Logger LOG = Logger.getLogger(BootstrapKeyRegistrar.class);
    /** Advisory lock id of this registration ("arcaboot" in ASCII). */
    private static final long LOCK_ID = 0x61726361626f6f74L;

    @Inject
    SecurityConfig config;

    @Inject
    EntityManager em;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        em.createNativeQuery("select pg_advisory_xact_lock(" + LOCK_ID + ")").getSingleResult();
        Tenant tenant = Tenant.findByName(Tenant.DEFAULT_NAME).orElseGet(() -> {
            Tenant created = new Tenant();
            created.id = UUID.randomUUID();
            created.name = Tenant.DEFAULT_NAME;
            created.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            created.persist();
            LOG.infof("created the default tenant %s", created.id);
            return created;
        });
        if (config.bootstrapAdminKey().isEmpty() || config.bootstrapAdminKey().get().isBlank()) {
            LOG.warn("arca.security.bootstrap-admin-key is not set: no key can create tenants");
            return;
        }
        String secret = config.bootstrapAdminKey().get().trim();
        if (!secret.startsWith(ApiKeySecrets.PREFIX)) {
            throw new IllegalStateException("arca.security.bootstrap-admin-key must start with "
                    + ApiKeySecrets.PREFIX + " (generate one with deploy/local/arca-local up)");
        }
        byte[] hash = ApiKeySecrets.hash(secret);
        List<ApiKey> previous = ApiKey.list("bootstrap = true and revokedAt is null");
        for (ApiKey old : previous) {
            if (!Arrays.equals(old.keyHash, hash)) {
                old.revokedAt = Instant.now();
                LOG.infof("revoked previous bootstrap key %s (%s...)", old.id, old.keyPrefix);
            }
        }
        var existing = ApiKey.findByHash(hash);
        if (existing.isPresent()) {
            if (existing.get().isRevoked()) {
                // a revoked key never comes back: configure a new one
                LOG.warnf("arca.security.bootstrap-admin-key (%s...) was revoked; set a new key",
                        existing.get().keyPrefix);
            }
            return;
        }
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenant.id;
        key.name = "bootstrap";
        key.role = Role.ADMIN.wireName();
        key.keyPrefix = ApiKeySecrets.shownPrefix(secret);
        key.keyHash = hash;
        key.bootstrap = true;
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        key.persist();
        LOG.infof("registered bootstrap admin key %s (%s...)", key.id, key.keyPrefix);
    }
}
