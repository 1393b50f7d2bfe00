package io.arca.storage;

import io.arca.common.crypto.MasterKeyRing;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The one {@link MasterKeyRing} of a service, built from {@link MasterKeyConfig}; every class that seals, opens,
 * wraps or derives from the master key injects it (api, worker and scheduler alike).
 */
@ApplicationScoped
public class MasterKeys {
    private static final Logger LOG = Logger.getLogger(MasterKeys.class);

    @Produces
    @Singleton
    MasterKeyRing masterKeyRing(MasterKeyConfig config) {
        return MasterKeyRing.fromBase64(config.masterKey(), config.previousMasterKeys().orElse(List.of()));
    }

    /**
     * Builds the ring at start-up, so a malformed key stops the service instead of its first job, and logs the
     * fingerprints (never key material): during a rotation every service must print the same ones.
     */
    void logFingerprints(@Observes StartupEvent started, MasterKeyRing ring) {
        LOG.infof("master key ring: current key %s, previous keys %s", ring.currentFingerprint(),
                ring.previousFingerprints());
    }
}
