package io.arca.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkRuleTest {

    @ParameterizedTest(name = "{0} matches {1} port {2}: {3}")
    @CsvSource({
            "169.254.0.0/16, 169.254.169.254, 80, true",
            "169.254.0.0/16, 169.254.169.254, -1, true",
            "169.254.0.0/16, 169.255.0.1, 80, false",
            "10.0.0.0/8:5432, 10.1.2.3, 5432, true",
            "10.0.0.0/8:5432, 10.1.2.3, 5433, false",
            "10.0.0.0/8:5432, 10.1.2.3, -1, false",
            "10.0.0.0/8:5432-5439, 10.1.2.3, 5439, true",
            "10.0.0.0/8:5432-5439, 10.1.2.3, 5440, false",
            "192.168.1.7, 192.168.1.7, 1, true",
            "192.168.1.7, 192.168.1.8, 1, false",
            "fe80::/10, fe80::1, 5432, true",
            "fe80::/10, fec0::1, 5432, false",
            "[fd00::/8]:5432, fd12::1, 5432, true",
            "[fd00::/8]:5432, fd12::1, 5433, false",
            "0.0.0.0/0, 8.8.8.8, 53, true",
            "::/0, 2001:db8::1, 53, true",
            // an IPv4 rule never matches an IPv6 address and the reverse
            "0.0.0.0/0, 2001:db8::1, 53, false",
            "::/0, 8.8.8.8, 53, false",
    })
    void matches(String rule, String address, int port, boolean expected) throws Exception {
        assertThat(NetworkRule.parse(rule).matches(InetAddress.getByName(address), port)).isEqualTo(expected);
    }

    @Test
    void ipv4MappedIpv6AddressesAreTheIpv4Address() throws Exception {
        // InetAddress turns ::ffff:a.b.c.d into the IPv4 address: the mapped form cannot dodge an IPv4 rule
        assertThat(NetworkRule.parse("169.254.0.0/16").matches(InetAddress.getByName("::ffff:169.254.169.254"), 80))
                .isTrue();
    }

    /** Each bad rule is refused with a message that says what is wrong (and, through the policy, which key). */
    @ParameterizedTest
    @ValueSource(strings = {"metadata.internal", "10.0.0.0/33", "fe80::/129", "10.0.0.0/x", "10.0.0.0/8:0",
            "10.0.0.0/8:70000", "10.0.0.0/8:5439-5432", "10.0.0.0/8:http", "[fd00::/8]:", "10.0.0.0/-1"})
    void badRulesAreRefused(String rule) {
        assertThatThrownBy(() -> NetworkRule.parse(rule)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(rule);
    }
}
