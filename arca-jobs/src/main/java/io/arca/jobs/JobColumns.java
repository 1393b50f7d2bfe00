package io.arca.jobs;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Column values for a guarded job-row update, in insertion order. Column names come from code, never from input.
 * Wrap JSON text in {@link Json} for jsonb columns.
 */
public final class JobColumns {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public record Json(String text) {
    }

    public JobColumns set(String column, Object value) {
        if (!column.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("bad column name " + column);
        }
        values.put(column, value);
        return this;
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** {@code ", a = ?, b = cast(? as jsonb)"} (leading comma) or empty. */
    String assignments() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(", ").append(k).append(v instanceof Json ? " = cast(? as jsonb)" : " = ?"));
        return sb.toString();
    }

    /** Binds the values starting at parameter {@code first}; returns the next free parameter index. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object v : values.values()) {
            if (v == null) {
                ps.setNull(i++, Types.NULL);
            } else if (v instanceof Json j) {
                ps.setString(i++, j.text());
            } else {
                ps.setObject(i++, v);
            }
        }
        return i;
    }
}
