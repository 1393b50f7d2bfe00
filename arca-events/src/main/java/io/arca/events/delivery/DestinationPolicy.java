package io.arca.events.delivery;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which networks a webhook may be sent to: an address in a denied network is refused unless it is also in an allowed
 * network (the allow list punches holes in the deny list). Production denies loopback, link-local (the cloud metadata
 * address among them) and "this network"; {@code arca-local} and the tests allow loopback, because their receivers run
 * there. Checked on every resolved address right before each attempt, so a name that starts pointing somewhere denied
 * is refused from then on.
 */
public final class DestinationPolicy {
    private final List<Cidr> allow;
    private final List<Cidr> deny;

    public DestinationPolicy(List<String> allow, List<String> deny) {
        this.allow = parse(allow);
        this.deny = parse(deny);
    }

    /** @return why {@code address} is refused, or empty when it may be contacted */
    public Optional<String> refusal(InetAddress address) {
        for (Cidr d : deny) {
            if (d.contains(address) && allow.stream().noneMatch(a -> a.contains(address))) {
                return Optional.of("destination " + address.getHostAddress() + " is in the denied network " + d.text
                        + " (arca.notifications.destinations.deny)");
            }
        }
        return Optional.empty();
    }

    /** Resolves {@code host} and checks every address; the first refusal wins. */
    public Optional<String> refusal(String host) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            Optional<String> r = refusal(a);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static List<Cidr> parse(List<String> cidrs) {
        List<Cidr> out = new ArrayList<>();
        if (cidrs != null) {
            for (String c : cidrs) {
                if (c != null && !c.isBlank()) {
                    out.add(Cidr.parse(c.trim()));
                }
            }
        }
        return out;
    }

    /** An IPv4 or IPv6 network, {@code address/prefix} (a bare address is a /32 or /128). */
    record Cidr(String text, byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            byte[] addr;
            try {
                // literal addresses only: getByName does not resolve a literal
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("not an IP network: " + text);
                }
                addr = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP network: " + text, e);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : addr.length * 8;
            if (prefix < 0 || prefix > addr.length * 8) {
                throw new IllegalArgumentException("prefix out of range in " + text);
            }
            return new Cidr(text, addr, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(a.length * 8).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(a.length * 8 - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
