package io.arca.scheduler.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import io.arca.events.delivery.Deliveries;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pruning with the default retention (48 h, progress 1 h): old events go, recent ones stay, progress goes sooner, and
 * an old event that a pending or sending delivery still has to send stays.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class EventPruningTest {
    @Inject
    AgroalDataSource db;
    @Inject
    EventPruner pruner;

    private ArcaEvent logged(CatalogRows rows, String type, String recordedAgo) throws Exception {
        ArcaEvent e = ArcaEvent.of(type, rows.tenantId, Map.of("sourceId", rows.sourceId.toString()), Map.of());
        try (Connection c = db.getConnection()) {
            EventLog.append(c, List.of(e));
        }
        rows.exec("update events set recorded_at = now() - cast(? as interval) where id = ?", recordedAgo, e.id());
        return e;
    }

    private void delivery(CatalogRows rows, UUID channel, ArcaEvent e, String state) throws Exception {
        try (Connection c = db.getConnection()) {
            Deliveries.enqueue(c, rows.tenantId, channel, e.id(), e.type(), Instant.now());
        }
        rows.exec("update notification_deliveries set state = ? where event_id = ?", state, e.id());
    }

    @Test
    void oldAndOldProgressEventsArePrunedUnlessADeliveryStillNeedsThem() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID channel = EventRows.webhook(rows, true, "*");
        ArcaEvent old = logged(rows, "backup.completed", "49 hours");
        ArcaEvent recent = logged(rows, "backup.completed", "47 hours");
        ArcaEvent oldProgress = logged(rows, "backup.progress", "61 minutes");
        ArcaEvent recentProgress = logged(rows, "restore.progress", "59 minutes");
        ArcaEvent pending = logged(rows, "backup.failed", "49 hours");
        ArcaEvent sending = logged(rows, "backup.late", "49 hours");
        ArcaEvent delivered = logged(rows, "backup.deleted", "49 hours");
        ArcaEvent failed = logged(rows, "backup.cancelled", "49 hours");
        delivery(rows, channel, pending, "pending");
        delivery(rows, channel, sending, "sending");
        delivery(rows, channel, delivered, "delivered");
        delivery(rows, channel, failed, "failed");

        assertThat(pruner.prune(Instant.now())).isGreaterThanOrEqualTo(4);

        assertThat(rows.text("select string_agg(type, ',' order by seq) from events where tenant_id = ?",
                rows.tenantId)).isEqualTo("backup.completed,restore.progress,backup.failed,backup.late");
        assertThat(rows.count("select count(*) from events where id in (?, ?)", recent.id(), recentProgress.id()))
                .isEqualTo(2);
        assertThat(rows.count("select count(*) from events where id in (?, ?, ?, ?)", old.id(), oldProgress.id(),
                delivered.id(), failed.id())).isZero();
        assertThat(pruner.prune(Instant.now())).as("nothing more is due").isZero();
    }
}
