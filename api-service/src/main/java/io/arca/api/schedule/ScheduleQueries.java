package io.arca.api.schedule;

import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads schedules: one with its next fire times, or a page filtered by source and enabled. */
@ApplicationScoped
public class ScheduleQueries {
    static final int MAX_UPCOMING = 100;

    @Inject
    Caller caller;
    @Inject
    EntityManager em;
    @Inject
    ScheduleService service;
    @Inject
    ScheduleViews views;
    @Inject
    LastRuns lastRuns;

    /** @param upcoming text of {@code ?upcoming=N}: 1-100 next fire times, absent for none */
    public ScheduleView get(UUID id, String upcoming) {
        int count = upcoming(upcoming);
        Schedule s = service.find(id);
        return views.view(s, lastRuns.of(s.tenantId, List.of(s.id)).get(s.id), count, Instant.now());
    }

    /** Newest first; keyset pagination like the other lists. */
    public Page<ScheduleView> list(String sourceId, String enabled, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        UUID source = QueryParams.optionalUuid(sourceId, "sourceId");
        Boolean enabledFilter = QueryParams.optionalBoolean(enabled, "enabled");
        Cursor after = Cursor.decode(cursor);
        List<Schedule> rows = NewestFirst.inTenant("schedules", caller.tenantId())
                .whereIfGiven("source_id = :source", "source", source)
                .whereIfGiven("enabled = :enabled", "enabled", enabledFilter)
                .fetch(em, Schedule.class, after, pageSize);
        var runs = lastRuns.of(caller.tenantId(), rows.stream().limit(pageSize).map(s -> s.id).toList());
        Instant now = Instant.now();
        return Page.of(rows, pageSize, s -> s.createdAt, s -> s.id, s -> views.view(s, runs.get(s.id), 0, now));
    }

    private static int upcoming(String text) {
        Integer count = QueryParams.optionalIntBetween(text, "upcoming", 1, MAX_UPCOMING);
        return count == null ? 0 : count;
    }
}
