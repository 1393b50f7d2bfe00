package io.arca.api.schedule;

import io.arca.jobs.options.BackupOptions;
import io.arca.retention.RetentionPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A schedule (catalog V5 {@code schedules}): a source backed up on a timetable. The API writes everything but the
 * scheduler's bookkeeping; the scheduler advances {@code next_run_at} (without touching the version, so firing never
 * makes a user's If-Match stale) and drills move {@code next_drill_at}.
 */
@Entity
@Table(name = "schedules")
public class Schedule extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public boolean enabled;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "backup_options", nullable = false, columnDefinition = "jsonb")
    public BackupOptions backupOptions;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> labels;

    /** The timing as the user gave it (validated): {@code {"cron": ...}} or a preset. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> timing;
    /** The 5-field expression the timing compiles to (io.arca.schedule.Timing#cron). */
    @Column(nullable = false)
    public String cron;
    @Column(name = "time_zone", nullable = false)
    public String timeZone;
    /** skip or queue. */
    @Column(nullable = false)
    public String overlap;

    /** Null: keep every backup of this schedule. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public RetentionPolicy retention;
    /** {@code {"every": "P7D", "targetSourceId": "..."}}; null: no drills. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> drill;

    @Column(name = "next_run_at")
    public Instant nextRunAt;
    @Column(name = "next_drill_at")
    public Instant nextDrillAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;

    public static Optional<Schedule> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static boolean nameTaken(UUID tenantId, String name, UUID except) {
        return count("tenantId = ?1 and name = ?2 and id <> ?3", tenantId, name, except) > 0;
    }
}
