package io.arca.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether Arca may connect to a source database at {@code host:port}: the {@link DestinationPolicy} of
 * {@code arca.sources.destinations}, and the catalog's own PostgreSQL server refused unless
 * {@code allow-catalog-server} says otherwise. A tenant who registers the catalog's server as a source could read
 * every tenant's rows through a backup if the catalog's credentials ever leaked or were reused, and a restore could
 * overwrite it; the operator who wants Arca to back up its own catalog (docs/operations.md) says so explicitly.
 * The API runs it before it saves or checks a source, the worker before every job connects.
 */
public final class SourceDestinationCheck {
    /** The configuration prefix, named in refusals. */
    public static final String PREFIX = "arca.sources.destinations";

    private final DestinationPolicy policy;
    private final List<HostPort> catalogServers;
    private final boolean allowCatalogServer;

    /** A host and port, as the catalog's JDBC URL names them. */
    public record HostPort(String host, int port) {
    }

    public SourceDestinationCheck(DestinationPolicy policy, List<HostPort> catalogServers, boolean allowCatalogServer) {
        this.policy = policy;
        this.catalogServers = List.copyOf(catalogServers);
        this.allowCatalogServer = allowCatalogServer;
    }

    /**
     * Resolves {@code host} and checks every address it has.
     *
     * @return why the destination is refused, or empty when it may be contacted
     * @throws UnknownHostException when {@code host} does not resolve (the caller decides: the connection would
     *                              fail anyway)
     */
    public Optional<String> refusal(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress a : addresses) {
            Optional<String> r = policy.refusal(a, port);
            if (r.isPresent()) {
                return Optional.of(host + ":" + port + ": " + r.get());
            }
        }
        if (!allowCatalogServer) {
            for (InetAddress a : addresses) {
                if (isCatalogServer(a, port)) {
                    return Optional.of(host + ":" + port + " is the catalog's own PostgreSQL server ("
                            + a.getHostAddress() + ":" + port + "); set " + PREFIX
                            + ".allow-catalog-server=true to allow it");
                }
            }
        }
        return Optional.empty();
    }

    private boolean isCatalogServer(InetAddress address, int port) {
        for (HostPort catalog : catalogServers) {
            if (catalog.port() != port) {
                continue;
            }
            try {
                for (InetAddress c : InetAddress.getAllByName(catalog.host())) {
                    if (c.equals(address)) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // the catalog's name does not resolve here: nothing to compare with
            }
        }
        return false;
    }

    /**
     * The servers a PostgreSQL JDBC URL names: {@code jdbc:postgresql://host[:port][,host[:port]...]/database?...}
     * (default port 5432, IPv6 literals in brackets). Anything else names none.
     */
    public static List<HostPort> serversOf(String jdbcUrl) {
        List<HostPort> out = new ArrayList<>();
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            return out;
        }
        String rest = jdbcUrl.substring(prefix.length());
        int end = rest.indexOf('/');
        String hosts = end < 0 ? rest : rest.substring(0, end);
        int query = hosts.indexOf('?');
        hosts = query < 0 ? hosts : hosts.substring(0, query);
        for (String h : hosts.split(",")) {
            if (h.isBlank()) {
                continue;
            }
            String host = h;
            int port = 5432;
            int colon = h.lastIndexOf(':');
            boolean bracketed = h.startsWith("[");
            if (colon > 0 && (!bracketed || colon > h.indexOf(']'))) {
                host = h.substring(0, colon);
                try {
                    port = Integer.parseInt(h.substring(colon + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            if (bracketed) {
                host = host.substring(1, host.indexOf(']'));
            }
            out.add(new HostPort(host, port));
        }
        return out;
    }
}
