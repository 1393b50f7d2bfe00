package io.arca.api.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * One row of the event log as the tail fans it out: the columns a subscriber filters on and the stored envelope.
 *
 * @param body the envelope JSON exactly as stored ({@code events.body}), sent as the SSE event's data
 */
public record TailEvent(long seq, UUID tenantId, String type, UUID jobId, UUID sourceId, String body) {
    /** The select list {@link #read} expects, for the tail's and the replay's queries alike. */
    static final String COLUMNS = "seq, tenant_id, type, job_id, source_id, body::text";

    /** The current row of a query that selects {@link #COLUMNS} first. */
    static TailEvent read(ResultSet rs) throws SQLException {
        return new TailEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6));
    }
}
