package io.arca.api.source;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.deletion.SourceDeletion;
import io.arca.api.error.ProblemException;
import io.arca.api.source.SourceDtos.SourceRequest;
import io.arca.api.source.SourceDtos.SourceView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Creates, reads, changes and deletes the sources of the caller's tenant. */
@ApplicationScoped
public class SourceService {
    @Inject
    Caller caller;

    @Inject
    PasswordSealer sealer;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;
    @Inject
    SourceDeletion sourceDeletion;

    @Inject
    RecoveryPoints recoveryPoints;

    @Inject
    SourceDestinationGuard destinations;

    @Transactional
    public SourceView create(SourceRequest request) {
        SourceValidator.Valid valid = SourceValidator.validate(request, true);
        destinations.check(valid.host(), valid.port());
        UUID tenantId = caller.tenantId();
        Source source = new Source();
        source.id = UUID.randomUUID();
        source.tenantId = tenantId;
        source.type = "postgresql";
        source.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(source, valid);
        source.persist();
        audit.record("source.create", "source", source.id);
        return SourceDtos.view(source, RecoveryPoints.RecoveryPoint.NEVER);
    }

    @Transactional
    public SourceView update(UUID id, SourceRequest request) {
        SourceValidator.Valid valid = SourceValidator.validate(request, false);
        destinations.check(valid.host(), valid.port());
        Source source = find(id);
        apply(source, valid);
        audit.record("source.update", "source", source.id);
        return view(source);
    }

    /** See {@link SourceDeletion}; returns the delete jobs requested for the source's backups. */
    @Transactional
    public int delete(UUID id, boolean deleteBackups) {
        int deletions = sourceDeletion.delete(caller.tenantId(), id, deleteBackups);
        audit.record("source.delete", "source", id);
        return deletions;
    }

    public SourceView get(UUID id) {
        return view(find(id));
    }

    private SourceView view(Source source) {
        return SourceDtos.view(source, recoveryPoints.of(source.tenantId, source.id, Instant.now()));
    }

    /** The source of the caller's tenant, or 404 (also for another tenant's source). */
    public Source find(UUID id) {
        return Source.findInTenant(caller.tenantId(), id).orElseThrow(() -> ProblemException.notFound("source", id));
    }

    public Page<SourceView> list(String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        Cursor after = Cursor.decode(cursor);
        List<Source> rows = NewestFirst.inTenant("sources", caller.tenantId()).where("deleted_at is null")
                .fetch(em, Source.class, after, pageSize);
        // the page's recovery points in one query, not one per source
        var points = recoveryPoints.of(caller.tenantId(), rows.stream().limit(pageSize).map(r -> r.id).toList(),
                Instant.now());
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id,
                r -> SourceDtos.view(r, points.getOrDefault(r.id, RecoveryPoints.RecoveryPoint.NEVER)));
    }

    private void apply(Source source, SourceValidator.Valid valid) {
        if (Source.nameTaken(source.tenantId, valid.name(), source.id)) {
            throw ProblemException.conflict("a source named " + valid.name() + " exists", "name");
        }
        source.name = valid.name();
        source.host = valid.host();
        source.port = valid.port();
        source.databaseName = valid.database();
        source.username = valid.username();
        source.sslMode = valid.sslMode();
        source.labels = valid.labels();
        if (valid.password() != null) {
            source.passwordSealed = sealer.seal(source.id, valid.password());
        }
        source.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
