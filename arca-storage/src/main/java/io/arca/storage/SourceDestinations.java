package io.arca.storage;

import io.arca.common.net.DestinationPolicy;
import io.arca.common.net.SourceDestinationCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The source destination policy of this service ({@link SourceDestinationsConfig}), with the catalog's server taken
 * from the datasource URL. A rule that does not parse stops the service at start-up, naming the key.
 */
@ApplicationScoped
public class SourceDestinations {
    private final SourceDestinationCheck check;

    public SourceDestinations(SourceDestinationsConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> catalogUrl) {
        DestinationPolicy policy = new DestinationPolicy(config.allow().orElse(List.of()), config.deny(),
                SourceDestinationCheck.PREFIX);
        this.check = new SourceDestinationCheck(policy,
                SourceDestinationCheck.serversOf(catalogUrl.orElse(null)), config.allowCatalogServer());
    }

    /**
     * Why Arca may not connect to a source at {@code host:port}, or empty when it may. A host that does not resolve
     * here is not refused: the connection that follows fails with its own, clearer reason.
     */
    public Optional<String> refusal(String host, int port) {
        try {
            return check.refusal(host, port);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
