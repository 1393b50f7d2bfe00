package io.arca.jobs;

import io.arca.common.job.JobState;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Records a new job of any kind on the caller's connection (JDBC, for services without JPA: the scheduler): the
 * {@code pending} row with the job columns and its kind's own, its first command (keyed by {@code key}: the source,
 * or for a gc run the tenant) and its {@code <kind>.requested} event, in the caller's transaction. The API records
 * jobs through its entities (JobRecorder) with the same messages from {@link JobMessages}.
 */
public final class PendingJobs {
    private final Outbox outbox;

    public PendingJobs(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A jsonb column value, given as JSON text. */
    public record Json(String text) {
    }

    /**
     * The kind's own columns of a new job, in insertion order. Names are code constants (never user input): they are
     * concatenated into the insert. A {@link Json} value is cast to jsonb, an {@link Instant} bound as timestamptz.
     */
    public static final class Columns {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Columns set(String column, Object value) {
            if (!column.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a column name: " + column);
            }
            values.put(column, value);
            return this;
        }
    }

    /**
     * Inserts the pending job and appends its command and requested event.
     *
     * @param key       what the command is keyed by: {@code table.sourceColumn()}'s value (a source id, or the tenant
     *                  id for a gc run); it must also be among {@code columns} unless it is the tenant
     * @param requested the data of the {@code <kind>.requested} event (no secrets)
     * @return the new job's id
     */
    public UUID record(Connection c, JobTable table, UUID tenantId, UUID key, Columns columns,
            Map<String, Object> requested, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        StringBuilder names = new StringBuilder("id, tenant_id, state, attempt, created_at, updated_at");
        StringBuilder marks = new StringBuilder("?, ?, ?, 1, ?, ?");
        for (Map.Entry<String, Object> column : columns.values.entrySet()) {
            names.append(", ").append(column.getKey());
            marks.append(column.getValue() instanceof Json ? ", cast(? as jsonb)" : ", ?");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into " + table.table() + " (" + names + ") values (" + marks + ")")) {
            int i = 1;
            ps.setObject(i++, id);
            ps.setObject(i++, tenantId);
            ps.setString(i++, JobState.PENDING.wireName());
            ps.setTimestamp(i++, Timestamp.from(created));
            ps.setTimestamp(i++, Timestamp.from(created));
            for (Object value : columns.values.values()) {
                bind(ps, i++, value);
            }
            ps.executeUpdate();
        }
        outbox.append(c, OutboxMessage.command(JobMessages.command(table, id, tenantId, key, 1, created)));
        outbox.append(c, OutboxMessage.event(JobMessages.event(table, id, tenantId, "requested", JobState.PENDING,
                created, requested)));
        return id;
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, Types.OTHER);
            case Json j -> ps.setString(index, j.text());
            case Instant t -> ps.setTimestamp(index, Timestamp.from(t));
            default -> ps.setObject(index, value);
        }
    }
}
