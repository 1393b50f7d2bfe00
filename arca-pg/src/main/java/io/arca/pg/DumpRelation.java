package io.arca.pg;

/**
 * A relation of a dump as the dump plan records it (version 4 and later), so that a restore of selected tables knows
 * exactly which sequences a table owns and which table a partition belongs to, without guessing from names.
 *
 * @param oid         the relation's oid in the source (the {@code <object oid>} of its pg_restore item)
 * @param schema      schema name, unquoted
 * @param name        relation name, unquoted
 * @param kind        {@code pg_class.relkind}: r table, p partitioned table, v view, m materialized view, S sequence,
 *                    f foreign table
 * @param ownedBy     for a sequence: the oid of the table owning it ({@code OWNED BY} or identity), else 0
 * @param partitionOf for a partition: the oid of its direct parent, else 0
 */
public record DumpRelation(long oid, String schema, String name, char kind, long ownedBy, long partitionOf) {

    /** {@code schema.name} unquoted, for messages, pattern matching and conflict lists. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    public boolean isTable() {
        return kind == 'r' || kind == 'p';
    }

    public boolean isSequence() {
        return kind == 'S';
    }
}
