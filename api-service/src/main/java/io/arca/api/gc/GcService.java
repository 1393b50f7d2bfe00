package io.arca.api.gc;

import io.agroal.api.AgroalDataSource;
import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.error.ProblemException;
import io.arca.api.gc.GcDtos.GcRequest;
import io.arca.api.gc.GcDtos.GcRunView;
import io.arca.api.tenant.Tenant;
import io.arca.jobs.GcRuns;
import io.arca.jobs.cdi.GcConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Garbage collection on request and its runs: the bootstrap key only (runs span tenants). */
@ApplicationScoped
public class GcService {
    static final Duration MIN_GRACE = Duration.ofHours(1);
    static final Duration MAX_GRACE = Duration.ofDays(365);
    private static final int TENANT_PAGE = 100;

    @Inject
    Caller caller;
    @Inject
    GcRuns runs;
    @Inject
    GcConfig config;
    @Inject
    AgroalDataSource db;
    @Inject
    EntityManager em;
    @Inject
    AuditLog audit;

    /** Records a run for the tenant, or for every tenant that has chunks; a tenant's unfinished run is returned. */
    @Transactional
    public List<GcRunView> request(GcRequest request) {
        requireBootstrap();
        Duration grace = grace(request == null ? null : request.gracePeriod());
        UUID tenant = request == null ? null : request.tenantId();
        if (tenant != null && Tenant.findById(tenant) == null) {
            throw ProblemException.notFound("tenant", tenant);
        }
        Instant now = Instant.now();
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            if (tenant != null) {
                ids.add(runs.requestRun(c, tenant, "admin", grace, now).runId());
            } else {
                UUID after = null;
                List<UUID> page;
                do {
                    page = runs.tenantsDue(c, after, TENANT_PAGE);
                    for (UUID t : page) {
                        ids.add(runs.requestRun(c, t, "admin", grace, now).runId());
                        after = t;
                    }
                } while (page.size() == TENANT_PAGE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording gc runs failed: " + e.getMessage(), e);
        }
        audit.record("gc.request", "gc", tenant == null ? "all" : tenant);
        em.flush();
        return ids.stream().map(id -> GcDtos.view(em.find(GcRun.class, id))).toList();
    }

    public GcRunView get(UUID id) {
        requireBootstrap();
        GcRun run = em.find(GcRun.class, id);
        if (run == null) {
            throw ProblemException.notFound("gc run", id);
        }
        return GcDtos.view(run);
    }

    /** Newest first, optionally of one tenant; keyset pagination. */
    public Page<GcRunView> list(String tenantText, String limit, String cursor) {
        requireBootstrap();
        int pageSize = Cursor.checkLimit(limit);
        UUID tenant = QueryParams.optionalUuid(tenantText, "tenantId");
        Cursor after = Cursor.decode(cursor);
        // an admin list: every tenant's runs unless ?tenantId= narrows it
        List<GcRun> rows = NewestFirst.acrossTenants("gc_runs")
                .whereIfGiven("tenant_id = :tenant", "tenant", tenant)
                .fetch(em, GcRun.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, GcDtos::view);
    }

    private Duration grace(String text) {
        if (text == null || text.isBlank()) {
            return config.gracePeriod();
        }
        Duration grace;
        try {
            grace = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("gracePeriod", "gracePeriod is an ISO-8601 duration such as PT24H");
        }
        if (grace.compareTo(MIN_GRACE) < 0 || grace.compareTo(MAX_GRACE) > 0) {
            throw ProblemException.invalid("gracePeriod", "gracePeriod must be between PT1H and 365 days: shorter "
                    + "than the longest backup, gc could take a chunk a running backup is about to record");
        }
        return grace;
    }

    private void requireBootstrap() {
        caller.requireBootstrap("only the bootstrap key may run garbage collection");
    }
}
