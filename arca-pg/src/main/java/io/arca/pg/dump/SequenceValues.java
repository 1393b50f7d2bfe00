package io.arca.pg.dump;

import io.arca.pg.Identifiers;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SEQUENCE_VALUES entry: one {@code SELECT pg_catalog.setval(...)} per sequence, the statements pg_dump writes in
 * its data section. Sequences are not transactional, so (as with pg_dump) the value is the one current while the
 * dump reads it, which is at least the value any dumped row used.
 */
final class SequenceValues {
    private static final int BATCH = 200;

    private SequenceValues() {
    }

    static void write(Connection c, List<Relation> sequences, OutputStream out) throws Exception {
        out.write("SELECT pg_catalog.set_config('search_path', '', false);\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < sequences.size(); i += BATCH) {
            List<Relation> batch = sequences.subList(i, Math.min(sequences.size(), i + BATCH));
            String sql = batch.stream()
                    .map(s -> "SELECT " + s.oid() + "::bigint, last_value, is_called FROM " + s.qualified())
                    .collect(Collectors.joining(" UNION ALL "));
            StringBuilder text = new StringBuilder();
            Map<Long, Relation> byOid = batch.stream().collect(Collectors.toMap(Relation::oid, s -> s));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    Relation s = byOid.get(rs.getLong(1));
                    text.append("SELECT pg_catalog.setval(").append(Identifiers.literal(s.qualified())).append(", ")
                            .append(rs.getLong(2)).append(", ").append(rs.getBoolean(3)).append(");\n");
                }
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
