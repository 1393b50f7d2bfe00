package io.arca.api.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.UniqueViolations;
import io.arca.api.schedule.ScheduleDtos.ScheduleRequest;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import io.arca.api.source.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Creates, changes (optimistically: If-Match), enables, disables and deletes the schedules of the caller's tenant. */
@ApplicationScoped
public class ScheduleService {
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    ScheduleViews views;
    @Inject
    LastRuns lastRuns;

    @Transactional
    public ScheduleView create(ScheduleRequest request) {
        Instant now = now();
        ScheduleValidator.Valid valid = ScheduleValidator.validate(request, now);
        Schedule s = new Schedule();
        s.id = UUID.randomUUID();
        s.tenantId = caller.tenantId();
        s.createdAt = now;
        s.enabled = request.enabled() == null || request.enabled();
        apply(s, request, valid, now);
        s.persist();
        flush(s);
        audit.record("schedule.create", "schedule", s.id);
        return views.view(s, null, 0, now);
    }

    @Transactional
    public ScheduleView update(UUID id, String ifMatch, ScheduleRequest request) {
        long expected = Versions.ifMatch(ifMatch);
        Instant now = now();
        ScheduleValidator.Valid valid = ScheduleValidator.validate(request, now);
        Schedule s = find(id);
        if (s.version != expected) {
            throw Versions.stale(s.version);
        }
        if (request.enabled() != null) {
            s.enabled = request.enabled();
        }
        apply(s, request, valid, now);
        flush(s);
        audit.record("schedule.update", "schedule", s.id);
        return views.view(s, lastRuns.of(s.tenantId, List.of(s.id)).get(s.id), 0, now);
    }

    /** Enables or disables; enabling computes the next fire and drill from now, disabling clears both. */
    @Transactional
    public ScheduleView setEnabled(UUID id, boolean enabled) {
        Instant now = now();
        Schedule s = find(id);
        if (s.enabled != enabled) {
            s.enabled = enabled;
            s.nextRunAt = enabled ? views.timetable(s).next(now) : null;
            s.nextDrillAt = enabled && s.drill != null ? now.plus(Duration.parse((String) s.drill.get("every"))) : null;
            s.updatedAt = now;
            flush(s);
            audit.record(enabled ? "schedule.enable" : "schedule.disable", "schedule", s.id);
        }
        return views.view(s, lastRuns.of(s.tenantId, List.of(s.id)).get(s.id), 0, now);
    }

    @Transactional
    public void delete(UUID id) {
        Schedule s = find(id);
        s.delete();
        audit.record("schedule.delete", "schedule", id);
    }

    /** The schedule of the caller's tenant, or 404 (also for another tenant's). */
    Schedule find(UUID id) {
        return Schedule.findInTenant(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("schedule", id));
    }

    private void apply(Schedule s, ScheduleRequest request, ScheduleValidator.Valid valid, Instant now) {
        requireSource(request.sourceId(), "sourceId");
        if (valid.drill() != null) {
            requireSource(valid.drill().targetSourceId(), "drill.targetSourceId");
        }
        if (Schedule.nameTaken(s.tenantId, valid.name(), s.id)) {
            throw ProblemException.conflict("a schedule named " + valid.name() + " exists", "name");
        }
        Map<String, Object> drill = null;
        if (valid.drill() != null) {
            drill = new LinkedHashMap<>();
            drill.put("every", valid.drill().every());
            drill.put("targetSourceId", valid.drill().targetSourceId().toString());
        }
        // a drill keeps its date through edits that do not change it; a new or changed cadence starts from now
        if (!s.enabled || drill == null) {
            s.nextDrillAt = null;
        } else if (s.nextDrillAt == null || !Objects.equals(drill, s.drill)) {
            s.nextDrillAt = now.plus(Duration.parse(valid.drill().every()));
        }
        s.name = valid.name();
        s.sourceId = request.sourceId();
        s.backupOptions = valid.options();
        s.labels = valid.labels();
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = json.convertValue(request.timing(), Map.class);
        s.timing = timing;
        s.cron = valid.timing().cron();
        s.timeZone = valid.timetable().zone().getId();
        s.overlap = valid.overlap();
        s.retention = valid.retention();
        s.drill = drill;
        s.nextRunAt = s.enabled ? valid.timetable().next(now) : null;
        s.updatedAt = now;
    }

    /** A source of this tenant (not deleted), or 404 naming the field. */
    private void requireSource(UUID sourceId, String field) {
        Source source = Source.findInTenant(caller.tenantId(), sourceId).orElse(null);
        if (source == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "source " + sourceId + " not found", field);
        }
    }

    /** Writes now, so a lost race (a concurrent update, a name taken meanwhile) is a clear problem. */
    private void flush(Schedule s) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw Versions.stale(s.version + 1);
        } catch (RuntimeException e) {
            if (UniqueViolations.isUniqueViolation(e)) {
                throw ProblemException.conflict("a schedule named " + s.name + " exists", "name");
            }
            throw e;
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
