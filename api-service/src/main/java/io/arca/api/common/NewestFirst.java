package io.arca.api.common;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The native query behind a list endpoint: rows of one table, filtered, newest first ({@code created_at desc, id
 * desc}), one keyset page at a time. It fetches {@code pageSize + 1} rows so {@link Page#of} can tell whether a next
 * page exists; a {@link Cursor} continues strictly after the previous page's last row.
 *
 * <pre>{@code
 * List<Backup> rows = NewestFirst.inTenant("backups", caller.tenantId())
 *         .whereIfGiven("source_id = :source", "source", sourceId)
 *         .where("verified_at is not null")
 *         .fetch(em, Backup.class, after, pageSize);
 * }</pre>
 *
 * <p>Table names and conditions are SQL text pasted into the query: pass only constants written in code, never
 * request input. Request values go in as bound parameters (the {@code value} arguments). Validate query parameters
 * (limit, cursor, ids, enums) before building the query, so their errors stay those of {@link QueryParams}.
 */
public final class NewestFirst {
    /** Parameter names this class binds itself: a condition must not reuse them. */
    private static final Set<String> KEYSET_PARAMETERS = Set.of("createdAt", "id", "limit");

    private final String table;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private NewestFirst(String table) {
        this.table = table;
    }

    /** The rows of {@code table} that belong to {@code tenantId}: every tenant's list starts here. */
    public static NewestFirst inTenant(String table, UUID tenantId) {
        return new NewestFirst(table).where("tenant_id = :tenant", "tenant",
                Objects.requireNonNull(tenantId, "tenantId"));
    }

    /** The rows of every tenant: only for lists that are not a tenant's own (the bootstrap key's admin lists). */
    public static NewestFirst acrossTenants(String table) {
        return new NewestFirst(table);
    }

    /** Adds a condition without parameters, e.g. {@code "deleted_at is null"}. */
    public NewestFirst where(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Adds a condition that always applies, binding {@code :name} to {@code value} (which must not be null). */
    public NewestFirst where(String condition, String name, Object value) {
        bind(name, Objects.requireNonNull(value, name));
        return where(condition);
    }

    /**
     * Adds a condition only when the request gave its filter ({@code value} not null), e.g.
     * {@code whereIfGiven("labels @> cast(:label as jsonb)", "label", json)}; a null value leaves the list unfiltered.
     */
    public NewestFirst whereIfGiven(String condition, String name, Object value) {
        return value == null ? this : where(condition, name, value);
    }

    /**
     * Runs the query as rows of {@code entity}: at most {@code pageSize + 1} of them, those after {@code after} (all
     * when null), newest first. Hand them to {@link Page#of} with the same {@code pageSize}.
     */
    public <R> List<R> fetch(EntityManager em, Class<R> entity, Cursor after, int pageSize) {
        var query = em.createNativeQuery(sql(after != null), entity);
        parameters.forEach(query::setParameter);
        if (after != null) {
            query.setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
        }
        query.setParameter("limit", pageSize + 1);
        @SuppressWarnings("unchecked")
        List<R> rows = query.getResultList();
        return rows;
    }

    /** The query text; {@code afterCursor}: continue after a cursor's row. */
    String sql(boolean afterCursor) {
        List<String> all = new ArrayList<>(conditions);
        if (afterCursor) {
            // a row comparison, so rows with the cursor's created_at but a smaller id are not skipped
            all.add("(created_at, id) < (:createdAt, :id)");
        }
        return "select * from " + table + (all.isEmpty() ? "" : " where " + String.join(" and ", all))
                + " order by created_at desc, id desc limit :limit";
    }

    private void bind(String name, Object value) {
        if (KEYSET_PARAMETERS.contains(name) || parameters.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("query parameter :" + name + " is already taken");
        }
    }
}
