package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a restore with these options applies, worked out from the dump's tables of contents before anything is
 * written: the entries, the schema items kept of pre-data and post-data, and what the dry run reports. See
 * {@link PlanBuilder} for which items a table selection keeps.
 *
 * <p>Without {@code tables} the plan is the whole dump, and the restore into a new database runs exactly as a full
 * restore always did (the plan's listing is only read for the counts).
 */
public final class RestorePlan {
    private final RestoreOptions options;
    private final boolean wholeDump;
    private final List<DumpEntry> entries;
    private final List<DumpEntry> tables;
    private final List<String> unmatchedPatterns;
    private final List<String> foreignKeysLeftOut;
    private final Map<String, Integer> objectsByKind;
    private final List<DumpRelation> relationsCreated;
    private final List<String[]> indexesToCreate;
    private final Set<String> rolesReferenced;
    private final Set<String> extensions;
    private final Set<String> schemas;
    private final List<String> preDataItems;
    private final List<String> postDataItems;
    private final Set<String> sequencesToSet;

    RestorePlan(RestoreOptions options, boolean wholeDump, List<DumpEntry> entries, List<DumpEntry> tables,
                List<String> unmatchedPatterns, List<String> foreignKeysLeftOut, Map<String, Integer> objectsByKind,
                List<DumpRelation> relationsCreated, List<String[]> indexesToCreate, Set<String> rolesReferenced,
                Set<String> extensions, Set<String> schemas, List<String> preDataItems, List<String> postDataItems,
                Set<String> sequencesToSet) {
        this.options = options;
        this.wholeDump = wholeDump;
        this.entries = List.copyOf(entries);
        this.tables = List.copyOf(tables);
        this.unmatchedPatterns = List.copyOf(unmatchedPatterns);
        this.foreignKeysLeftOut = List.copyOf(foreignKeysLeftOut);
        this.objectsByKind = Map.copyOf(objectsByKind);
        this.relationsCreated = List.copyOf(relationsCreated);
        this.indexesToCreate = List.copyOf(indexesToCreate);
        this.rolesReferenced = Set.copyOf(rolesReferenced);
        this.extensions = Set.copyOf(extensions);
        this.schemas = Set.copyOf(schemas);
        this.preDataItems = List.copyOf(preDataItems);
        this.postDataItems = List.copyOf(postDataItems);
        this.sequencesToSet = sequencesToSet == null ? null : Set.copyOf(sequencesToSet);
    }

    /**
     * The plan of a restore into a new (empty) database: every non-relation object the dump holds that the selected
     * tables may need (schemas, extensions, types, functions, ...) is created. Reads the pre-data and post-data
     * entries (DDL only) and the sequence values; changes nothing anywhere.
     */
    public static RestorePlan of(PgTools tools, EntrySource source, RestoreOptions options) {
        return of(tools, source, options, null);
    }

    /**
     * The plan of a restore into {@code existingTarget}, an existing database (null: a new one): supporting objects
     * (schemas, extensions, types, domains, functions, collations) are created only when the target lacks them;
     * other non-relation objects (operators, casts, text search, languages, ...) are taken as present there.
     * Reads the target's catalog; changes nothing.
     */
    public static RestorePlan of(PgTools tools, EntrySource source, RestoreOptions options,
                                 PgConnectionSpec existingTarget) {
        try (SchemaSpools spools = SchemaSpools.read(tools, source, options)) {
            return PlanBuilder.build(source, options, spools,
                    existingTarget == null ? null : TargetObjects.inspect(existingTarget));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.arca.pg.PgEngineException(io.arca.pg.PgEngineException.Reason.CANCELLED,
                    "planning a restore interrupted", e);
        }
    }

    /** The entries the restore applies, in restore order (selected tables' data; sequence values of owned ones). */
    public List<DumpEntry> entries() {
        return entries;
    }

    /** The TABLE_DATA entries of the selected tables (all of them without {@code tables}). */
    public List<DumpEntry> tables() {
        return tables;
    }

    /** Patterns of {@code tables} that match no table of the dump, as the user wrote them. */
    public List<String> unmatchedPatterns() {
        return unmatchedPatterns;
    }

    /**
     * Foreign keys of selected tables that reference a table left out, as pg_restore lists them
     * ({@code FK CONSTRAINT <schema> <table> <name> <owner>}): skipped, or refused with {@code strict}.
     */
    public List<String> foreignKeysLeftOut() {
        return foreignKeysLeftOut;
    }

    /** Kept schema items per pg_restore description ({@code TABLE}, {@code INDEX}, {@code FK CONSTRAINT}, ...). */
    public Map<String, Integer> objectsByKind() {
        return objectsByKind;
    }

    /** {@code schema.name} of the tables, sequences, views, materialized views and foreign tables created. */
    public List<String> relationsToCreate() {
        return relationsCreated.stream().map(DumpRelation::qualifiedName).toList();
    }

    /** Owners of the kept items (roles the target needs); empty with {@code skipOwnership}. */
    public Set<String> rolesReferenced() {
        return rolesReferenced;
    }

    /** Extensions the restore creates. */
    public Set<String> extensions() {
        return extensions;
    }

    /** Schemas of the objects the restore creates or loads. */
    public Set<String> schemas() {
        return schemas;
    }

    /** The options the plan was made for. */
    public RestoreOptions options() {
        return options;
    }

    /** True without {@code tables}: everything the dump holds. */
    public boolean wholeDump() {
        return wholeDump;
    }

    /** The relations created, with exact schema and name. */
    List<DumpRelation> relationsCreated() {
        return relationsCreated;
    }

    /** {schema, name} of the indexes created (conflict checks: index names share the relation namespace). */
    List<String[]> indexesToCreate() {
        return indexesToCreate;
    }

    /** The pre-data items to restore, as {@code pg_restore --use-list} lines. */
    List<String> preDataItems() {
        return preDataItems;
    }

    /** The post-data items to restore, as {@code pg_restore --use-list} lines. */
    List<String> postDataItems() {
        return postDataItems;
    }

    /** {@code schema.name} of the sequences whose values are set; null: every sequence of the dump. */
    Set<String> sequencesToSet() {
        return sequencesToSet;
    }
}
