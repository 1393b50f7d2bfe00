package io.arca.api.error;

/**
 * The table of error cases: each has a stable slug (the {@code type} URI ends with it, clients may switch on it),
 * an HTTP status and a title. Slugs are never renamed or reused.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    UNKNOWN_FIELD("unknown-field", 400, "Unknown field"),
    DUPLICATE_FIELD("duplicate-field", 400, "Field given twice"),
    INVALID_TYPE("invalid-type", 400, "Wrong type for a field"),
    VALIDATION_FAILED("validation-failed", 400, "Invalid value"),
    UNKNOWN_SOURCE("unknown-source", 400, "Unknown source"),
    UNAUTHORIZED("unauthorized", 401, "Missing, unknown or revoked API key"),
    FORBIDDEN("forbidden", 403, "Role does not allow this operation"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    LAST_ADMIN_KEY("last-admin-key", 409, "A tenant keeps at least one admin key"),
    MANIFEST_UNREADABLE("manifest-unreadable", 409, "The backup's manifest cannot be read"),
    EXPORT_EXPIRED("export-expired", 410, "The export expired or was deleted"),
    INVALID_VERIFY_OPTION("invalid-verify-option", 422, "Verify options do not fit together"),
    /** A restore option out of range, or options that contradict each other (the field names one of them). */
    INVALID_RESTORE_OPTION("invalid-restore-option", 422, "Invalid restore options"),
    /**
     * A restore that would overwrite or drop data the target holds now, without {@code confirmDataLoss: true}; the
     * problem's {@code wouldOverwrite} member lists what.
     */
    DATA_LOSS_UNCONFIRMED("data-loss-unconfirmed", 409, "The restore would overwrite existing data"),
    /**
     * A restore that may overwrite data, into a target the API cannot inspect now (unreachable, credentials
     * refused): what it would overwrite cannot be listed or saved first.
     */
    TARGET_NOT_INSPECTABLE("target-not-inspectable", 409, "The restore target cannot be inspected"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused with another request"),
    /** A download or export option the API does not offer (the field says which); io.arca.export.ExportRequest. */
    INVALID_EXPORT_OPTION("invalid-export-option", 422, "Invalid download or export option"),
    TABLES_MATCH_NOTHING("tables-match-nothing", 422, "Table patterns match no table of the backup"),
    BACKUP_HAS_NO_DATA("backup-has-no-data", 409, "The backup holds no table rows"),
    /** The backup's stored objects were found damaged (verify or download); refused unless the request says force. */
    BACKUP_CORRUPTED("backup-corrupted", 409, "Backup corrupted"),
    /** A download link whose signature, encoding or version is wrong: nothing of it is trusted. */
    DOWNLOAD_LINK_INVALID("download-link-invalid", 403, "Invalid download link"),
    DOWNLOAD_LINK_EXPIRED("download-link-expired", 403, "Download link expired"),
    DOWNLOAD_LINK_REVOKED("download-link-revoked", 403, "Download link revoked"),
    /** A backup that was deleted (a download link issued before, a read, a second DELETE). */
    BACKUP_GONE("backup-gone", 410, "Backup deleted"),
    /** A backup whose deletion was requested (retention, user, source deletion): nothing new may read it. */
    BACKUP_BEING_DELETED("backup-being-deleted", 409, "Backup is being deleted"),
    /** DELETE of a pinned backup: unpin it first. */
    BACKUP_PINNED("backup-pinned", 409, "Backup is pinned"),
    /** A delete of something whose jobs have not finished (a running backup, a source's restores): cancel them. */
    UNFINISHED_JOBS("unfinished-jobs", 409, "Jobs have not finished"),
    /** DELETE of a source that still has backups, without deleteBackups=true. */
    SOURCE_HAS_BACKUPS("source-has-backups", 409, "Source has backups"),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable"),
    OBJECT_STORE_UNAVAILABLE("object-store-unavailable", 503, "Object store unavailable"),
    TOO_MANY_DOWNLOADS("too-many-downloads", 503, "Too many downloads"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    URI_TOO_LONG("uri-too-long", 414, "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    /** A schedule's cron expression that does not parse (the detail names the field and its position) or never fires. */
    INVALID_CRON("invalid-cron", 400, "Invalid cron expression"),
    UNKNOWN_TIME_ZONE("unknown-time-zone", 400, "Unknown time zone"),
    /** A schedule preset with an impossible value (minute 60, at 25:00, day 32, an unknown weekday or preset). */
    INVALID_TIMING("invalid-timing", 400, "Impossible schedule timing"),
    /** An update of a versioned object without If-Match. */
    PRECONDITION_REQUIRED("precondition-required", 428, "If-Match with the version is required"),
    /** An update whose If-Match names a version that is no longer current. */
    PRECONDITION_FAILED("precondition-failed", 412, "The object changed since that version"),
    /** Run now of a schedule whose previous backup is unfinished while its overlap rule is skip. */
    SCHEDULE_BUSY("schedule-busy", 409, "The schedule's previous backup is still unfinished"),
    JOB_FINISHED("job-finished", 409, "The job already finished"),
    /**
     * A notification channel field that is not acceptable (the field names it): a URL that is not http(s), has user
     * info or no host; an unknown event type; an invalid email address; a forbidden or malformed custom header; a
     * digest out of range; an email field on a webhook or the reverse.
     */
    INVALID_NOTIFICATION_CHANNEL("invalid-notification-channel", 422, "Invalid notification channel"),
    /** The tenant has arca.notifications.max-channels-per-tenant channels already. */
    CHANNEL_LIMIT_REACHED("channel-limit-reached", 409, "Notification channel limit reached"),
    /** A webhook URL whose host resolves into a network arca.notifications.destinations.deny refuses. */
    DESTINATION_NOT_ALLOWED("destination-not-allowed", 422, "Webhook destination not allowed"),
    /**
     * A source whose host resolves into a network arca.sources.destinations.deny refuses, or that is the catalog's
     * own server without arca.sources.destinations.allow-catalog-server (on save, check, and restore inspection).
     */
    SOURCE_DESTINATION_NOT_ALLOWED("source-destination-not-allowed", 422, "Source destination not allowed"),
    /** Redelivery of a delivery that is still pending or being sent: it goes out anyway. */
    DELIVERY_IN_PROGRESS("delivery-in-progress", 409, "The delivery is still pending or being sent"),
    /** An event type pattern the catalogue does not know (the detail names it and lists the known types). */
    UNKNOWN_EVENT_TYPE("unknown-event-type", 422, "Unknown event type"),
    BAD_REQUEST("bad-request", 400, "Bad request"),
    INTERNAL("internal", 500, "Internal error");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
