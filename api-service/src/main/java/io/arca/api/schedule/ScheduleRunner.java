package io.arca.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.error.ProblemException;
import io.arca.jobs.PendingJobs;
import io.arca.jobs.outbox.Outbox;
import io.arca.schedule.fire.ScheduleFires.Fire;
import io.arca.schedule.fire.ScheduleFires.Trigger;
import io.arca.schedule.fire.ScheduleFires;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Run now: a fire outside the timetable (trigger {@code manual}, slot = the request time) recorded by the same code
 * as the scheduler's fires ({@link ScheduleFires}), so the backup, its messages and the overlap rule are identical.
 */
@ApplicationScoped
public class ScheduleRunner {
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    PendingJobs pendingJobs;
    @Inject
    Outbox outbox;

    /** @return the fire: created with its backup, or skipped (overlap) with the reason; both are recorded */
    @Transactional
    public Fire run(UUID id) {
        // locked, so two run-nows of one schedule see each other's backup for the overlap rule
        Schedule s = Schedule.<Schedule>find("tenantId = ?1 and id = ?2", caller.tenantId(), id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("schedule", id));
        Instant now = Instant.now();
        var schedule = new ScheduleFires.Schedule(s.id, s.tenantId, s.sourceId, s.backupOptions.type(),
                text(s.backupOptions), text(s.labels), "queue".equals(s.overlap));
        Fire fire = em.unwrap(Session.class).doReturningWork(c -> new ScheduleFires(pendingJobs, outbox)
                        .fire(c, schedule, now, now, Trigger.MANUAL, null))
                .orElseThrow(() -> ProblemException.conflict("this schedule fired at this very instant already; "
                        + "retry", null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", fire.created() ? "created" : "skipped");
        details.put("backupId", fire.backupId() == null ? null : fire.backupId().toString());
        audit.record("schedule.run", "schedule", id, details);
        return fire;
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
