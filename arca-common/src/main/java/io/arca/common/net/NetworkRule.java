package io.arca.common.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a {@link DestinationPolicy}: an IPv4 or IPv6 network ({@code address/prefix}; a bare address is a /32
 * or /128) and optionally ports, written {@code 10.0.0.0/8}, {@code 10.0.0.0/8:5432}, {@code 10.0.0.0/8:5432-5439},
 * {@code fe80::/10}, {@code [fd00::/8]:5432} (an IPv6 network with ports is bracketed, as in a URL). Without ports
 * the rule matches every port.
 */
public record NetworkRule(String text, byte[] network, int prefix, int fromPort, int toPort) {
    /** The port to check with when it is not known: only rules without ports match it. */
    public static final int ANY_PORT = -1;

    private static final Pattern BRACKETED = Pattern.compile("\\[([^]]+)](?::(.+))?");
    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static NetworkRule parse(String text) {
        String network = text;
        String ports = null;
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            network = bracketed.group(1);
            ports = bracketed.group(2);
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.contains(":")) {
            // exactly one colon: IPv4 network and ports (an IPv6 network has at least two colons)
            network = text.substring(0, text.indexOf(':'));
            ports = text.substring(text.indexOf(':') + 1);
        }
        String[] parts = network.split("/", 2);
        // literal addresses only: a host name here would be resolved once, at start-up, and then go stale
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP network: " + text, e);
        }
        int prefix = addr.length * 8;
        if (parts.length == 2) {
            if (!parts[1].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("prefix is not a number in " + text);
            }
            prefix = Integer.parseInt(parts[1]);
        }
        if (prefix > addr.length * 8) {
            throw new IllegalArgumentException("prefix out of range in " + text);
        }
        int from = 0;
        int to = 65535;
        if (ports != null) {
            Matcher m = PORTS.matcher(ports);
            if (!m.matches()) {
                throw new IllegalArgumentException("ports must be a port or a range like 5432-5439 in " + text);
            }
            from = Integer.parseInt(m.group(1));
            to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("ports out of range 1-65535 in " + text);
            }
        }
        return new NetworkRule(text, addr, prefix, from, to);
    }

    /** Whether the rule has ports (a rule without them matches every port, and an unknown one). */
    public boolean hasPorts() {
        return fromPort != 0 || toPort != 65535;
    }

    /** @param port {@link #ANY_PORT} when not known */
    public boolean matches(InetAddress address, int port) {
        if (hasPorts() && (port < fromPort || port > toPort)) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger mask = all.xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }
}
