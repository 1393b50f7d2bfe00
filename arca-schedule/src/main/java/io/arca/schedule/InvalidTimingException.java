package io.arca.schedule;

/**
 * A timing, time zone or drill cadence that cannot be used. {@link #kind()} says which problem it is (the API maps it
 * to a problem type), {@link #field()} names the offending field as the API's request spells it
 * ({@code timing.cron}, {@code timing.at}, {@code timeZone}).
 */
public class InvalidTimingException extends IllegalArgumentException {
    /** What is wrong. */
    public enum Kind {
        /** a cron expression that does not parse or never fires */
        CRON,
        /** a time zone that is not an IANA region id */
        ZONE,
        /** a preset with an impossible value, an unknown preset or field, or neither cron nor preset */
        TIMING
    }

    private final Kind kind;
    private final String field;

    public InvalidTimingException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
