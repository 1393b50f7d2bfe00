package io.arca.jobs.cdi;

import io.arca.jobs.relay.OutboxKafka;
import io.arca.jobs.relay.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Runs this service's {@link OutboxRelay} from start-up to shutdown, unless {@code arca.outbox.enabled=false}. */
@ApplicationScoped
public class OutboxRelayService {
    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);

    private final DataSource dataSource;
    private final OutboxKafka kafka;
    private final OutboxConfig config;
    private final MeterRegistry metrics;
    private OutboxRelay relay;

    public OutboxRelayService(DataSource dataSource, OutboxKafka kafka, OutboxConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes Startup event) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled (arca.outbox.enabled=false)");
            return;
        }
        relay = new OutboxRelay(dataSource, kafka, config.settings(), metrics);
        relay.start();
    }

    void stop(@Observes Shutdown event) throws InterruptedException {
        if (relay != null) {
            relay.close();
        }
    }
}
