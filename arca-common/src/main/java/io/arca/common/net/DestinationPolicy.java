package io.arca.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which network destinations Arca may connect to on a user's behalf (webhook receivers, source databases): an
 * address and port that a deny rule matches is refused unless an allow rule matches it too (the allow list punches
 * holes in the deny list; deny {@code 0.0.0.0/0,::/0} plus an allow list makes an allow-only policy). A rule is a
 * network with optional ports ({@link NetworkRule}). Checked on every address a host name resolves to: a name with
 * one denied address is refused, so a second A record cannot smuggle the metadata address in.
 */
public final class DestinationPolicy {
    private final List<NetworkRule> allow;
    private final List<NetworkRule> deny;
    private final String configPrefix;

    /**
     * @param configPrefix the configuration the lists come from, named in refusals so an operator knows what to
     *                     change (e.g. {@code arca.sources.destinations})
     * @throws IllegalArgumentException naming the first rule that does not parse
     */
    public DestinationPolicy(List<String> allow, List<String> deny, String configPrefix) {
        this.allow = parse(allow, configPrefix + ".allow");
        this.deny = parse(deny, configPrefix + ".deny");
        this.configPrefix = configPrefix;
    }

    /**
     * @param port the destination port, or {@link NetworkRule#ANY_PORT} when not known (then only rules without
     *             ports apply)
     * @return why {@code address:port} is refused, or empty when it may be contacted
     */
    public Optional<String> refusal(InetAddress address, int port) {
        for (NetworkRule d : deny) {
            if (d.matches(address, port) && allow.stream().noneMatch(a -> a.matches(address, port))) {
                return Optional.of("destination " + address.getHostAddress() + " is in the denied network " + d.text()
                        + " (" + configPrefix + ".deny)");
            }
        }
        return Optional.empty();
    }

    /** {@link #refusal(InetAddress, int)} for an unknown port. */
    public Optional<String> refusal(InetAddress address) {
        return refusal(address, NetworkRule.ANY_PORT);
    }

    /** Resolves {@code host} and checks every address with {@code port}; the first refusal wins. */
    public Optional<String> refusal(String host, int port) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            Optional<String> r = refusal(a, port);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** {@link #refusal(String, int)} for an unknown port. */
    public Optional<String> refusal(String host) throws UnknownHostException {
        return refusal(host, NetworkRule.ANY_PORT);
    }

    private static List<NetworkRule> parse(List<String> rules, String key) {
        List<NetworkRule> out = new ArrayList<>();
        if (rules != null) {
            for (String r : rules) {
                if (r != null && !r.isBlank()) {
                    try {
                        out.add(NetworkRule.parse(r.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return out;
    }
}
