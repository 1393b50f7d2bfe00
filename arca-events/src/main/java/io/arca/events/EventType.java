package io.arca.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The event catalogue: every public event type, one line each (documented in docs/events.md, checked by a test).
 *
 * <p>{@link Audience#NOTIFY} types may be chosen by notification channels (webhooks, email) and reach the stream;
 * {@link Audience#STREAM} types (progress, job life cycle steps) reach only the event stream: nobody wants an email per
 * progress tick. A type with {@code from} is ingested from the job fact of that type on {@code backup.events} (and,
 * with {@code when}, only when the fact's data passes it: one fact may yield several public events); a type without
 * {@code from} is published as an {@code ArcaEvent} by its producer.
 */
public enum EventType {
    BACKUP_REQUESTED("backup.requested", Audience.STREAM, "backup.requested", "a backup was requested (API or schedule)"),
    BACKUP_STARTED("backup.started", Audience.STREAM, "backup.started", "a worker started a backup attempt"),
    BACKUP_PROGRESS("backup.progress", Audience.STREAM, "backup.progress", "a running backup's phase, bytes and tables"),
    BACKUP_DEFERRED("backup.deferred", Audience.STREAM, "backup.deferred", "a backup waits and runs again later"),
    BACKUP_REQUEUED("backup.requeued", Audience.STREAM, "backup.requeued", "a backup's worker was lost (attempt + 1) or released it at shutdown; it runs again"),
    BACKUP_COMPLETED("backup.completed", Audience.NOTIFY, "backup.completed", "a backup completed"),
    BACKUP_FAILED("backup.failed", Audience.NOTIFY, "backup.failed", "a backup failed; data.error says why"),
    BACKUP_CANCELLED("backup.cancelled", Audience.NOTIFY, "backup.cancelled", "a backup was cancelled"),
    BACKUP_LATE("backup.late", Audience.NOTIFY, null, "a scheduled source has no successful backup within its schedule's expectation"),
    BACKUP_CORRUPTED("backup.corrupted", Audience.NOTIFY, "verify.completed", EventType::problemsFound, "a verification found a backup damaged, or (deep) not restoring identical; data.state says which"),
    BACKUP_EXPIRING("backup.expiring", Audience.NOTIFY, "backup.expiring", "retention expired a backup; a delete job follows"),
    BACKUP_DELETED("backup.deleted", Audience.NOTIFY, "backup.deleted", "a backup's data was deleted"),
    RESTORE_REQUESTED("restore.requested", Audience.STREAM, "restore.requested", "a restore (or dry run) was requested"),
    RESTORE_STARTED("restore.started", Audience.STREAM, "restore.started", "a worker started a restore attempt"),
    RESTORE_PROGRESS("restore.progress", Audience.STREAM, "restore.progress", "a running restore's phase, bytes and tables"),
    RESTORE_DEFERRED("restore.deferred", Audience.STREAM, "restore.deferred", "a restore waits (e.g. for its safety backup)"),
    RESTORE_REQUEUED("restore.requeued", Audience.STREAM, "restore.requeued", "a restore's worker was lost (attempt + 1) or released it at shutdown; it runs again"),
    RESTORE_COMPLETED("restore.completed", Audience.NOTIFY, "restore.completed", "a restore (or dry run) completed"),
    RESTORE_FAILED("restore.failed", Audience.NOTIFY, "restore.failed", "a restore failed; data.error says why"),
    RESTORE_CANCELLED("restore.cancelled", Audience.NOTIFY, "restore.cancelled", "a restore was cancelled"),
    VERIFY_REQUESTED("verify.requested", Audience.STREAM, "verify.requested", "a verification was requested"),
    VERIFY_STARTED("verify.started", Audience.STREAM, "verify.started", "a worker started a verification"),
    VERIFY_PROGRESS("verify.progress", Audience.STREAM, "verify.progress", "a running verification's progress"),
    VERIFY_DEFERRED("verify.deferred", Audience.STREAM, "verify.deferred", "a verification waits and runs again later"),
    VERIFY_REQUEUED("verify.requeued", Audience.STREAM, "verify.requeued", "a verification's worker was lost (attempt + 1) or released it at shutdown; it runs again"),
    VERIFY_COMPLETED("verify.completed", Audience.STREAM, "verify.completed", "a verification ran; data.state is its verdict"),
    VERIFY_FAILED("verify.failed", Audience.NOTIFY, "verify.failed", "a verification could not run; data.error says why"),
    VERIFY_CANCELLED("verify.cancelled", Audience.STREAM, "verify.cancelled", "a verification was cancelled"),
    EXPORT_REQUESTED("export.requested", Audience.STREAM, "export.requested", "an export was requested"),
    EXPORT_STARTED("export.started", Audience.STREAM, "export.started", "a worker started an export"),
    EXPORT_PROGRESS("export.progress", Audience.STREAM, "export.progress", "a running export's progress"),
    EXPORT_DEFERRED("export.deferred", Audience.STREAM, "export.deferred", "an export waits and runs again later"),
    EXPORT_REQUEUED("export.requeued", Audience.STREAM, "export.requeued", "an export's worker was lost (attempt + 1) or released it at shutdown; it runs again"),
    EXPORT_COMPLETED("export.completed", Audience.NOTIFY, "export.completed", "an export is ready to download"),
    EXPORT_FAILED("export.failed", Audience.NOTIFY, "export.failed", "an export failed; data.error says why"),
    EXPORT_CANCELLED("export.cancelled", Audience.STREAM, "export.cancelled", "an export was cancelled (its export was deleted before it finished)"),
    DELETE_REQUESTED("delete.requested", Audience.STREAM, "delete.requested", "a backup's deletion was requested (API or retention)"),
    DELETE_STARTED("delete.started", Audience.STREAM, "delete.started", "a delete job started"),
    DELETE_PROGRESS("delete.progress", Audience.STREAM, "delete.progress", "a running delete job's progress"),
    DELETE_DEFERRED("delete.deferred", Audience.STREAM, "delete.deferred", "a delete job waits for the backup's readers"),
    DELETE_REQUEUED("delete.requeued", Audience.STREAM, "delete.requeued", "a delete job's worker was lost (attempt + 1) or released it at shutdown; it runs again"),
    DELETE_COMPLETED("delete.completed", Audience.STREAM, "delete.completed", "a delete job finished (backup.deleted says so to channels)"),
    DELETE_FAILED("delete.failed", Audience.NOTIFY, "delete.failed", "a delete job failed; data.error says why"),
    DELETE_CANCELLED("delete.cancelled", Audience.STREAM, "delete.cancelled", "a delete job was cancelled"),
    GC_REQUESTED("gc.requested", Audience.STREAM, "gc.requested", "a garbage collection run was recorded"),
    GC_STARTED("gc.started", Audience.STREAM, "gc.started", "a worker started a garbage collection run"),
    GC_PROGRESS("gc.progress", Audience.STREAM, "gc.progress", "a running garbage collection's progress"),
    GC_DEFERRED("gc.deferred", Audience.STREAM, "gc.deferred", "a garbage collection run waits and runs again later"),
    GC_REQUEUED("gc.requeued", Audience.STREAM, "gc.requeued", "a garbage collection's worker was lost (attempt + 1) or released it at shutdown; it runs again"),
    GC_COMPLETED("gc.completed", Audience.STREAM, "gc.completed", "garbage collection finished"),
    GC_FAILED("gc.failed", Audience.NOTIFY, "gc.failed", "garbage collection failed"),
    GC_CANCELLED("gc.cancelled", Audience.STREAM, "gc.cancelled", "a garbage collection run was cancelled"),
    SCHEDULE_SKIPPED("schedule.skipped", Audience.NOTIFY, null, "a schedule's fire was skipped: its previous backup still runs"),
    KEY_CREATED("key.created", Audience.NOTIFY, null, "an API key was created"),
    KEY_REVOKED("key.revoked", Audience.NOTIFY, null, "an API key was revoked"),
    CHANNEL_DISABLED("notification-channel.disabled", Audience.NOTIFY, null, "a channel was disabled after sustained delivery failure (sent to every email channel of the tenant)"),
    NOTIFICATION_TEST("notification.test", Audience.TEST, null, "the test event of POST /notification-channels/{id}/test");

    /** Who may receive events of a type. */
    public enum Audience {
        /** Channels may subscribe; the stream shows it. */
        NOTIFY,
        /** Only the event stream. */
        STREAM,
        /** Only the channel being tested; never in the stream. */
        TEST
    }

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Audience audience;
    private final String from;
    private final Predicate<Map<String, Object>> when;
    private final String meaning;

    EventType(String wireName, Audience audience, String from, String meaning) {
        this(wireName, audience, from, data -> true, meaning);
    }

    EventType(String wireName, Audience audience, String from, Predicate<Map<String, Object>> when, String meaning) {
        this.wireName = wireName;
        this.audience = audience;
        this.from = from;
        this.when = when;
        this.meaning = meaning;
    }

    public String wireName() {
        return wireName;
    }

    public Audience audience() {
        return audience;
    }

    public boolean notifiable() {
        return audience == Audience.NOTIFY;
    }

    /** The job fact type this public type is ingested from; null for types their producer publishes itself. */
    public String from() {
        return from;
    }

    /** Whether a job fact of type {@link #from()} with this data yields an event of this type. */
    public boolean accepts(Map<String, Object> factData) {
        return when.test(factData == null ? Map.of() : factData);
    }

    /**
     * Whether this is a progress type: many per job and only of interest while it runs, so the event log keeps them
     * for {@code arca.notifications.progress-retention} only.
     */
    public boolean progress() {
        return wireName.endsWith(".progress");
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<EventType> ofWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    private static boolean problemsFound(Map<String, Object> data) {
        Object state = data.get("state");
        return state != null && !"ok".equals(state);
    }
}
