package io.arca.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationPolicyTest {
    private static final String KEY = "arca.sources.destinations";
    private static final List<String> SOURCE_DEFAULT_DENY = List.of("169.254.0.0/16", "fe80::/10", "0.0.0.0/8",
            "::/128");

    @Test
    void theDefaultDenyListRefusesTheMetadataAddressAndNamesTheRuleAndKey() throws Exception {
        DestinationPolicy policy = new DestinationPolicy(List.of(), SOURCE_DEFAULT_DENY, KEY);

        assertThat(policy.refusal(InetAddress.getByName("169.254.169.254"), 80)).hasValueSatisfying(r -> assertThat(r)
                .contains("169.254.169.254").contains("169.254.0.0/16").contains("arca.sources.destinations.deny"));
        assertThat(policy.refusal(InetAddress.getByName("fe80::1"), 5432)).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("0.0.0.0"), 5432)).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("::"), 5432)).isPresent();
        // everything else is allowed by default: loopback and private networks host real databases
        assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"), 5432)).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.20.30.40"), 5432)).isEmpty();
    }

    @Test
    void anAllowRulePunchesAHoleOnlyForItsNetworkAndPorts() throws Exception {
        // allow-only: deny everything, allow the database subnet on PostgreSQL's ports
        DestinationPolicy policy = new DestinationPolicy(List.of("10.20.0.0/16:5432-5433", "[fd00:db::/32]:5432"),
                List.of("0.0.0.0/0", "::/0"), KEY);

        assertThat(policy.refusal(InetAddress.getByName("10.20.1.1"), 5432)).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.20.1.1"), 5433)).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.20.1.1"), 22)).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("10.21.1.1"), 5432)).hasValueSatisfying(r ->
                assertThat(r).contains("0.0.0.0/0"));
        assertThat(policy.refusal(InetAddress.getByName("fd00:db::5"), 5432)).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("fd00:db::5"), 6432)).isPresent();
    }

    @Test
    void aDenyRuleWithPortsLeavesOtherPortsAlone() throws Exception {
        DestinationPolicy policy = new DestinationPolicy(List.of(), List.of("10.0.0.0/8:22"), KEY);

        assertThat(policy.refusal(InetAddress.getByName("10.0.0.1"), 22)).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("10.0.0.1"), 5432)).isEmpty();
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsDenied() throws Exception {
        DestinationPolicy policy = new DestinationPolicy(List.of(), List.of("127.0.0.0/8", "::1/128"), KEY);

        // "localhost" resolves to loopback (127.0.0.1 and maybe ::1): every address is checked
        assertThat(policy.refusal("localhost", 5432)).isPresent();
        assertThat(policy.refusal("169.254.169.254", 80)).isEmpty();
    }

    @Test
    void aRuleThatDoesNotParseNamesTheKeyItCameFrom() {
        assertThatThrownBy(() -> new DestinationPolicy(List.of("10.0.0.0/8:http"), List.of(), KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arca.sources.destinations.allow: ")
                .hasMessageContaining("10.0.0.0/8:http");
        assertThatThrownBy(() -> new DestinationPolicy(List.of(), List.of("db.internal"), KEY))
                .hasMessageStartingWith("arca.sources.destinations.deny: ");
    }
}
