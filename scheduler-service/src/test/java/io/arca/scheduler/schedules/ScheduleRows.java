package io.arca.scheduler.schedules;

import io.arca.scheduler.CatalogRows;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Schedules in the catalog as the API writes them, for the firing tests. */
public final class ScheduleRows {
    public static final String OPTIONS = "{\"type\":\"full\",\"tables\":{\"include\":[\"public.*\"],\"exclude\":[],"
            + "\"excludeData\":[]},\"compression\":{\"algorithm\":\"zstd\",\"level\":3},\"encrypt\":false}";

    private ScheduleRows() {
    }

    /** An enabled schedule of the rows' source with a cron timing in {@code zone}, due at {@code nextRunAt}. */
    public static UUID schedule(CatalogRows rows, String cron, String zone, String overlap, Instant nextRunAt)
            throws SQLException {
        UUID id = UUID.randomUUID();
        rows.exec("insert into schedules (id, tenant_id, source_id, name, backup_options, labels, timing, cron, "
                        + "time_zone, overlap, next_run_at) values (?, ?, ?, ?, cast(? as jsonb), "
                        + "'{\"origin\":\"test\"}', cast(? as jsonb), ?, ?, ?, ?)",
                id, rows.tenantId, rows.sourceId, "s-" + id, OPTIONS, "{\"cron\":\"" + cron + "\"}", cron, zone,
                overlap, Timestamp.from(nextRunAt));
        return id;
    }
}
