package io.arca.pg.dump;

import io.arca.pg.Identifiers;
import java.util.List;

/**
 * A relation as the snapshot sees it.
 *
 * @param kind        pg_class.relkind: r table (also leaf partitions), p partitioned table, v view, m materialized
 *                    view, S sequence, f foreign table
 * @param ancestors   oids of partition ancestors, nearest first (empty when not a partition)
 * @param sizeBytes   estimated size from pg_class.relpages (0 until the first VACUUM/ANALYZE)
 * @param ownerTable  oid of the table owning this sequence (serial/identity), else of the one table whose column
 *                    defaults use it, or 0
 */
record Relation(long oid, String schema, String name, char kind, long sizeBytes, List<Long> ancestors,
                long ownerTable) {

    String qualified() {
        return Identifiers.qualified(schema, name);
    }

    String display() {
        return schema + "." + name;
    }

    /** Only plain tables (including leaf partitions) hold rows of their own; pg_dump dumps data the same way. */
    boolean holdsData() {
        return kind == 'r';
    }

    boolean lockable() {
        return kind == 'r' || kind == 'p' || kind == 'f'; // LOCK TABLE refuses materialized views
    }
}
