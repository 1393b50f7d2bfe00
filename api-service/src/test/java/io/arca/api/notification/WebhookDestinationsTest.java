package io.arca.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.events.cdi.NotificationsConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The save-time destination check with the production defaults (no allow list), which the API tests cannot use: their
 * profile allows loopback for their receivers.
 */
class WebhookDestinationsTest {

    @Test
    void productionDefaultsRefuseLoopbackLinkLocalAndThisNetwork() {
        WebhookDestinations destinations = new WebhookDestinations(config(Map.of()));
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "https://127.1.2.3/", "http://[::1]:9000/",
                "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://0.0.0.0/"}) {
            assertThatThrownBy(() -> destinations.check(url)).as(url).isInstanceOfSatisfying(ProblemException.class,
                    e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.DESTINATION_NOT_ALLOWED);
                        assertThat(e.field()).isEqualTo("url");
                        assertThat(e.getMessage()).contains("arca.notifications.destinations.deny");
                    });
        }
        // a public address (TEST-NET-1 documentation range: a literal, so no DNS is asked)
        assertThatCode(() -> destinations.check("https://192.0.2.10/hook")).doesNotThrowAnyException();
    }

    @Test
    void anAllowListReopensOnlyWhatItNames() {
        WebhookDestinations destinations = new WebhookDestinations(
                config(Map.of("arca.notifications.destinations.allow", "127.0.0.0/8,::1/128")));
        assertThatCode(() -> destinations.check("http://127.0.0.1:9/hook")).doesNotThrowAnyException();
        assertThatCode(() -> destinations.check("http://[::1]:9/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> destinations.check("http://169.254.169.254/"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("169.254.0.0/16");
    }

    private static NotificationsConfig config(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        // plain SmallRye reads durations as ISO-8601 only; Quarkus also reads this default's "5s" form
        all.put("arca.notifications.retry-delays", "PT5S");
        return new SmallRyeConfigBuilder().withMapping(NotificationsConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 100)).build()
                .getConfigMapping(NotificationsConfig.class);
    }
}
