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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** One new job of {@link #recordAll}: its tenant, its command key, its own columns, its requested event's data. */
    public record NewJob(UUID tenantId, UUID key, Columns columns, Map<String, Object> requested) {
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
        return recordAll(c, table, List.of(new NewJob(tenantId, key, columns, requested)), now).get(0);
    }

    /**
     * {@link #record} for several jobs of one kind with the same columns, in JDBC batches: a few round trips for the
     * lot (the scheduler fires hundreds of schedules per transaction).
     *
     * @return the new jobs' ids, in order
     */
    public List<UUID> recordAll(Connection c, JobTable table, List<NewJob> jobs, Instant now) throws SQLException {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        Columns first = jobs.get(0).columns();
        StringBuilder names = new StringBuilder("id, tenant_id, state, attempt, created_at, updated_at");
        StringBuilder marks = new StringBuilder("?, ?, ?, 1, ?, ?");
        for (Map.Entry<String, Object> column : first.values.entrySet()) {
            names.append(", ").append(column.getKey());
            marks.append(column.getValue() instanceof Json ? ", cast(? as jsonb)" : ", ?");
        }
        List<UUID> ids = new ArrayList<>(jobs.size());
        List<OutboxMessage> messages = new ArrayList<>(2 * jobs.size());
        try (PreparedStatement ps = c.prepareStatement(
                "insert into " + table.table() + " (" + names + ") values (" + marks + ")")) {
            for (NewJob job : jobs) {
                if (!job.columns().values.keySet().equals(first.values.keySet())) {
                    throw new IllegalArgumentException("jobs of one batch must set the same columns");
                }
                UUID id = UUID.randomUUID();
                int i = 1;
                ps.setObject(i++, id);
                ps.setObject(i++, job.tenantId());
                ps.setString(i++, JobState.PENDING.wireName());
                ps.setTimestamp(i++, Timestamp.from(created));
                ps.setTimestamp(i++, Timestamp.from(created));
                for (String column : first.values.keySet()) {
                    bind(ps, i++, job.columns().values.get(column));
                }
                ps.addBatch();
                ids.add(id);
                messages.add(OutboxMessage.command(JobMessages.command(table, id, job.tenantId(), job.key(), 1,
                        created)));
                messages.add(OutboxMessage.event(JobMessages.event(table, id, job.tenantId(), JobFact.REQUESTED,
                        JobState.PENDING, created, job.requested())));
            }
            ps.executeBatch();
        }
        outbox.appendAll(c, messages);
        return ids;
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
