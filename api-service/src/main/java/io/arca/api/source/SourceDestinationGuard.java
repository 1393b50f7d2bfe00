package io.arca.api.source;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.storage.SourceDestinations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The API's side of the source destination policy ({@code arca.sources.destinations}): a source is refused when it
 * is saved, and again before the API connects to it (check, restore target inspection), because the policy or DNS
 * may have changed since. Without this, {@code POST /sources/{id}/check} would let a tenant probe the network the
 * services sit in (the metadata address, the catalog's server).
 */
@ApplicationScoped
public class SourceDestinationGuard {
    @Inject
    SourceDestinations destinations;

    /** Whether the API may connect to {@code host:port} now. */
    public boolean allows(String host, int port) {
        return destinations.refusal(host, port).isEmpty();
    }

    /** @throws ProblemException 422 source-destination-not-allowed, field {@code host} */
    public void check(String host, int port) {
        destinations.refusal(host, port).ifPresent(refusal -> {
            throw new ProblemException(ProblemType.SOURCE_DESTINATION_NOT_ALLOWED,
                    "host: the source's server is not allowed: " + refusal, "host");
        });
    }
}
