package io.arca.api.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.auth.Caller;
import io.arca.api.backup.BackupDtos.BackupRequest;
import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.common.Cursor;
import io.arca.api.common.Labels;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.api.job.IdempotencyKeys;
import io.arca.api.job.UniqueViolations;
import io.arca.jobs.options.BackupOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accepts backup requests (validated, recorded with their job message in one transaction) and reads backups. */
@ApplicationScoped
public class BackupService {

    @Inject
    Caller caller;

    @Inject
    BackupWriter writer;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The backup and whether this request created it ({@code false}: replay of an Idempotency-Key). */
    public record Accepted(BackupView backup, boolean created) {
    }

    public Accepted create(BackupRequest request, String idempotencyKey) {
        if (request == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        if (request.sourceId() == null) {
            throw ProblemException.invalid("sourceId", "sourceId is required");
        }
        IdempotencyKeys.check(idempotencyKey);
        BackupOptions options = BackupOptionsValidator.validate(request);
        Map<String, String> labels = Labels.validate(request.labels(), "labels");
        var record = new BackupWriter.NewBackup(caller.tenantId(), request.sourceId(), options, labels,
                idempotencyKey,
                IdempotencyKeys.requestHash(json, List.of(request.sourceId().toString(), options, labels)));
        try {
            return writer.record(record);
        } catch (RuntimeException e) {
            // Two concurrent requests with one Idempotency-Key: the loser hits the unique index; by now the
            // winner has committed, so a second attempt finds and returns its backup.
            if (idempotencyKey != null && UniqueViolations.isUniqueViolation(e)) {
                return writer.record(record);
            }
            throw e;
        }
    }

    public BackupView get(UUID id) {
        return Backup.findInTenant(caller.tenantId(), id).map(BackupDtos::view)
                .orElseThrow(() -> ProblemException.notFound("backup", id));
    }

    /** The list's filters as the query gives them (text: a malformed value is a 400 naming its parameter). */
    public record Filter(String sourceId, String state, String label, String verified, String corrupted,
                         String lifecycle) {
    }

    /**
     * Newest first, filtered by source, state, one {@code key:value} label, verification and lifecycle; keyset
     * pagination.
     */
    public Page<BackupView> list(Filter filter, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        UUID sourceId = QueryParams.optionalUuid(filter.sourceId(), "sourceId");
        Boolean verified = QueryParams.optionalBoolean(filter.verified(), "verified");
        Boolean corrupted = QueryParams.optionalBoolean(filter.corrupted(), "corrupted");
        Cursor after = Cursor.decode(cursor);
        String stateFilter = filter.state() == null || filter.state().isEmpty() ? null
                : QueryParams.jobState(filter.state(), "state");
        Map.Entry<String, String> labelFilter = Labels.parseFilter(filter.label(), "label");
        String lifecycle = BackupLifecycle.filter(filter.lifecycle(), "lifecycle");
        String labelJson = labelFilter == null ? null : toJson(Map.of(labelFilter.getKey(), labelFilter.getValue()));
        var query = NewestFirst.inTenant("backups", caller.tenantId())
                .whereIfGiven("source_id = :source", "source", sourceId)
                .whereIfGiven("state = :state", "state", stateFilter)
                .whereIfGiven("labels @> cast(:label as jsonb)", "label", labelJson)
                .whereIfGiven("corrupted = :corrupted", "corrupted", corrupted)
                .whereIfGiven("lifecycle = :lifecycle", "lifecycle", lifecycle);
        if (verified != null) {
            query.where(verified ? "verified_at is not null" : "verified_at is null");
        }
        List<Backup> rows = query.fetch(em, Backup.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, BackupDtos::view);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
