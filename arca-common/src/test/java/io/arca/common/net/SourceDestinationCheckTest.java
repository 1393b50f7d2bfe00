package io.arca.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.common.net.SourceDestinationCheck.HostPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDestinationCheckTest {
    private static final DestinationPolicy DEFAULTS = new DestinationPolicy(List.of(),
            List.of("169.254.0.0/16", "fe80::/10", "0.0.0.0/8", "::/128"), SourceDestinationCheck.PREFIX);
    private static final List<HostPort> CATALOG = List.of(new HostPort("127.0.0.1", 5432));

    @Test
    void theCatalogsOwnServerIsRefusedUnderAnyNameUnlessAllowed() throws Exception {
        SourceDestinationCheck check = new SourceDestinationCheck(DEFAULTS, CATALOG, false);

        assertThat(check.refusal("127.0.0.1", 5432)).hasValueSatisfying(r -> assertThat(r)
                .contains("catalog's own PostgreSQL server")
                .contains("arca.sources.destinations.allow-catalog-server=true"));
        // another name for the same address
        assertThat(check.refusal("localhost", 5432)).isPresent();
        // the same machine, another server
        assertThat(check.refusal("127.0.0.1", 5433)).isEmpty();

        SourceDestinationCheck allowed = new SourceDestinationCheck(DEFAULTS, CATALOG, true);
        assertThat(allowed.refusal("127.0.0.1", 5432)).isEmpty();
    }

    @Test
    void allowingTheCatalogServerDoesNotLiftTheDenyList() throws Exception {
        SourceDestinationCheck check = new SourceDestinationCheck(DEFAULTS, CATALOG, true);

        assertThat(check.refusal("169.254.169.254", 5432)).hasValueSatisfying(r -> assertThat(r)
                .startsWith("169.254.169.254:5432: ").contains("169.254.0.0/16"));
        assertThat(check.refusal("fe80::1", 5432)).isPresent();
    }

    @Test
    void catalogServersComeFromTheJdbcUrl() {
        assertThat(SourceDestinationCheck.serversOf("jdbc:postgresql://db.internal:6543/arca?sslmode=require"))
                .containsExactly(new HostPort("db.internal", 6543));
        assertThat(SourceDestinationCheck.serversOf("jdbc:postgresql://db/arca"))
                .containsExactly(new HostPort("db", 5432));
        assertThat(SourceDestinationCheck.serversOf("jdbc:postgresql://a:1,b/arca"))
                .containsExactly(new HostPort("a", 1), new HostPort("b", 5432));
        assertThat(SourceDestinationCheck.serversOf("jdbc:postgresql://[::1]:5433/arca"))
                .containsExactly(new HostPort("::1", 5433));
        assertThat(SourceDestinationCheck.serversOf("jdbc:postgresql://[fd00::5]/arca"))
                .containsExactly(new HostPort("fd00::5", 5432));
        assertThat(SourceDestinationCheck.serversOf("jdbc:h2:mem:x")).isEmpty();
        assertThat(SourceDestinationCheck.serversOf(null)).isEmpty();
    }
}
