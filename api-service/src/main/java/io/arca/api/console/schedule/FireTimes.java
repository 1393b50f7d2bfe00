package io.arca.api.console.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Fire times as a person reads them in the schedule's zone, with the instant kept for {@code <time datetime>}. */
record FireTimes(String zone, List<FireTime> times) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz",
            Locale.ENGLISH);

    /** One fire time: {@code iso} is the instant (UTC), {@code local} the wall time in the zone. */
    record FireTime(String iso, String local) {
    }

    static FireTimes of(List<Instant> instants, String zone) {
        ZoneId id = ZoneId.of(zone);
        return new FireTimes(zone, instants.stream().map(i -> at(i, id)).toList());
    }

    static FireTime at(Instant instant, ZoneId zone) {
        return new FireTime(instant.toString(), LOCAL.format(instant.atZone(zone)));
    }

    /** The wall time of one instant in a zone, or "—" for none. */
    static String local(Instant instant, String zone) {
        return instant == null ? "—" : LOCAL.format(instant.atZone(ZoneId.of(zone)));
    }
}
