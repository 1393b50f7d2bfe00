package io.arca.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Which servers sources may point at, under {@code arca.sources.destinations.} (the API when it saves or checks a
 * source, the worker before every job connects). Rules are CIDRs with optional ports:
 * {@code 10.0.0.0/8}, {@code 10.0.0.0/8:5432}, {@code 10.0.0.0/8:5432-5439}, {@code [fd00::/8]:5432}.
 */
@ConfigMapping(prefix = "arca.sources.destinations")
public interface SourceDestinationsConfig {

    /**
     * Rules refused unless also allowed. Default: link-local (the cloud metadata address 169.254.169.254 among
     * them) and "this network"/unspecified; add {@code 0.0.0.0/0,::/0} to allow only what {@link #allow} lists.
     */
    @WithDefault("169.254.0.0/16,fe80::/10,0.0.0.0/8,::/128")
    List<String> deny();

    /** Rules allowed even when denied (default none). */
    Optional<List<String>> allow();

    /**
     * Whether a source may point at the catalog's own PostgreSQL server (the host and port of
     * {@code quarkus.datasource.jdbc.url}); default false. arca-local and the tests set it: their sources live there.
     */
    @WithDefault("false")
    boolean allowCatalogServer();
}
