package io.arca.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.Page;
import io.arca.api.common.PositionCursor;
import io.arca.api.common.QueryParams;
import io.arca.api.common.SqlValues;
import io.arca.api.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Reads the caller's tenant's audit trail, newest first, filtered by action, target and actor. */
@ApplicationScoped
public class AuditQueries {
    /** An action or its prefix: {@code schedule.create}, {@code schedule.*}. */
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*(\\.\\*)?");
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    @Inject
    Caller caller;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /** The filters of the audit list, as query text (checked here, so a bad one is a 400 naming it). */
    public record AuditFilter(String action, String targetType, String targetId, String actorKeyId) {
        public static final AuditFilter NONE = new AuditFilter(null, null, null, null);
    }

    @Schema(name = "AuditEntry", description = "One mutating call: who, what, on which object; never secrets")
    public record AuditEntry(long id, Instant at,
                             @Schema(description = "The API key that made the call; null for a signed link's use")
                             UUID actorKeyId,
                             @Schema(description = "That key's name") String actorKeyName,
                             @Schema(examples = "schedule.create") String action,
                             String targetType, String targetId, Map<String, Object> details) {
    }

    public Page<AuditEntry> list(AuditFilter filter, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        long before = PositionCursor.decode(cursor);
        List<String> where = new ArrayList<>(List.of("a.tenant_id = :tenant"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenant", caller.tenantId());
        if (before >= 0) {
            where.add("a.id < :before");
            parameters.put("before", before);
        }
        String action = blankToNull(filter.action());
        if (action != null) {
            if (!ACTION.matcher(action).matches()) {
                throw ProblemException.invalid("action", "action is an audit action such as schedule.create, or a "
                        + "prefix such as schedule.*");
            }
            if (action.endsWith(".*")) {
                where.add("a.action like :action");
                parameters.put("action", action.substring(0, action.length() - 1) + "%");
            } else {
                where.add("a.action = :action");
                parameters.put("action", action);
            }
        }
        if (blankToNull(filter.targetType()) != null) {
            where.add("a.target_type = :targetType");
            parameters.put("targetType", filter.targetType().trim());
        }
        if (blankToNull(filter.targetId()) != null) {
            where.add("a.target_id = :targetId");
            parameters.put("targetId", filter.targetId().trim());
        }
        UUID actor = QueryParams.optionalUuid(blankToNull(filter.actorKeyId()), "actorKeyId");
        if (actor != null) {
            where.add("a.actor_key_id = :actor");
            parameters.put("actor", actor);
        }
        var query = em.createNativeQuery("select a.id, a.at, a.actor_key_id, k.name, a.action, a.target_type, "
                + "a.target_id, a.details::text from audit_log a left join api_keys k on k.id = a.actor_key_id "
                + "and k.tenant_id = a.tenant_id "
                + "where " + String.join(" and ", where) + " order by a.id desc limit :limit");
        parameters.forEach(query::setParameter);
        query.setParameter("limit", pageSize + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<AuditEntry> entries = rows.stream().limit(pageSize).map(this::entry).toList();
        String next = rows.size() > pageSize ? PositionCursor.encode(entries.getLast().id()) : null;
        return new Page<>(entries, next);
    }

    private AuditEntry entry(Object[] row) {
        return new AuditEntry(((Number) row[0]).longValue(), SqlValues.instant(row[1]), (UUID) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], details((String) row[7]));
    }

    private Map<String, Object> details(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not a JSON object", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
