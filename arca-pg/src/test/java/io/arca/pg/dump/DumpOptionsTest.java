package io.arca.pg.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpAndRestore;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestorePreview;
import io.arca.pg.restore.RestoreResult;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksum;
import io.arca.pg.verify.TableChecksums;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema-only, data-only, include, exclude and exclude-data dumps of the sample database. */
class DumpOptionsTest {
    private static PgTestSupport pg;
    private static PgConnectionSpec source;
    private static DatabaseFingerprint original;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgTestSupport();
        source = pg.freshDatabase("arca options");
        try (Connection c = pg.connect(source)) {
            SampleDatabase.load(c);
        }
        original = TableChecksums.capture(source);
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void schemaOnlyRestoresEveryObjectAndNoRows() throws Exception {
        DumpAndRestore run = DumpAndRestore.of(pg, source, DumpOptions.of(DumpOptions.Type.SCHEMA_ONLY));

        assertThat(run.result().entries()).extracting(DumpEntry::kind)
                .containsExactly(EntryKind.PRE_DATA, EntryKind.POST_DATA);
        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        assertThat(restored.tables().keySet()).isEqualTo(original.tables().keySet());
        assertThat(restored.tables().values()).allSatisfy(t -> assertThat(t.rowCount()).isZero());
        assertThat(restored.views()).isEqualTo(original.views());
        assertThat(restored.functions()).isEqualTo(original.functions());
        assertThat(restored.triggers()).isEqualTo(original.triggers());
        assertThat(restored.indexes()).isEqualTo(original.indexes());
        assertThat(restored.constraints()).isEqualTo(original.constraints());
    }

    @Test
    void dataOnlyLoadsIntoAnExistingSchema() throws Exception {
        DumpAndRestore schema = DumpAndRestore.of(pg, source, DumpOptions.of(DumpOptions.Type.SCHEMA_ONLY));
        MemoryArchive data = new MemoryArchive();
        DumpResult result = new PgDumper().dump(source, DumpOptions.of(DumpOptions.Type.DATA_ONLY), data);
        data.withEntries(result);

        assertThat(result.entries()).extracting(DumpEntry::kind)
                .doesNotContain(EntryKind.PRE_DATA, EntryKind.POST_DATA).contains(EntryKind.SEQUENCE_VALUES);
        assertThat(result.pgDumpVersion()).isNull();
        RestoreResult restore = new PgRestorer().restore(schema.target(), RestoreOptions.full().withDataOnly(true),
                data);

        assertThat(restore.totalRows()).isEqualTo(result.totalRows());
        DatabaseFingerprint restored = TableChecksums.capture(schema.target());
        // a data-only restore does not refresh materialized views (they were refreshed, empty, by the schema restore)
        assertThat(without(restored.tables(), k -> k.equals("public.price_stats")))
                .isEqualTo(without(original.tables(), k -> k.equals("public.price_stats")));
        assertThat(restored.sequences()).isEqualTo(original.sequences());
    }

    @Test
    void dataOnlyRestoreOfSelectedTablesWithoutOwnership() throws Exception {
        DumpAndRestore schema = DumpAndRestore.of(pg, source, DumpOptions.of(DumpOptions.Type.SCHEMA_ONLY),
                RestoreOptions.full().withSkipOwnership(true));
        MemoryArchive full = new MemoryArchive();
        full.withEntries(new PgDumper().dump(source, DumpOptions.full(), full));

        RestoreResult restore = new PgRestorer().restore(schema.target(),
                RestoreOptions.full().withDataOnly(true).withTables("public.author", "my schema.*"), full);

        assertThat(restore.restored()).filteredOn(e -> e.kind() == EntryKind.TABLE_DATA).extracting(DumpEntry::table)
                .containsExactlyInAnyOrder("author", SampleDatabase.WEIRD_TABLE);
        // the values of the sequences the two tables own come with them, no others
        assertThat(restore.restored()).extracting(DumpEntry::kind).contains(EntryKind.SEQUENCE_VALUES);
        assertThat(TableChecksums.capture(schema.target()).sequences()).containsEntry("public.author_id_seq",
                original.sequences().get("public.author_id_seq"));
        DatabaseFingerprint restored = TableChecksums.capture(schema.target());
        assertThat(restored.tables().get("public.author")).isEqualTo(original.tables().get("public.author"));
        assertThat(restored.tables().get("my schema.Weird \"Name\" ü"))
                .isEqualTo(original.tables().get("my schema.Weird \"Name\" ü"));
        assertThat(restored.tables().get("public.book").rowCount()).isZero();
    }

    @Test
    void previewReportsWhatTheTargetAlreadyHoldsAndChangesNothing() throws Exception {
        MemoryArchive full = new MemoryArchive();
        full.withEntries(new PgDumper().dump(source, DumpOptions.full(), full));
        PgRestorer restorer = new PgRestorer();
        List<String> dumpedTables = full.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA)
                .map(DumpEntry::table).sorted().toList();

        RestorePreview missing = restorer.preview(source.withDatabase("arca_missing_" + System.nanoTime()),
                RestoreOptions.full(), full);
        assertThat(missing.databaseExists()).isFalse();
        assertThat(missing.tables()).extracting(RestorePreview.TablePreview::table).containsExactlyInAnyOrderElementsOf(
                dumpedTables);
        assertThat(missing.tables()).extracting(RestorePreview.TablePreview::action).containsOnly("create");

        PgConnectionSpec empty = pg.freshDatabase("arca preview");
        RestorePreview onEmpty = restorer.preview(empty, RestoreOptions.full(), full);
        assertThat(onEmpty.databaseExists()).isTrue();
        assertThat(onEmpty.conflicts().existingTables()).isEmpty();
        assertThat(onEmpty.conflicts().blocking()).isEmpty();
        assertThat(onEmpty.tables()).extracting(RestorePreview.TablePreview::rowsNow).containsOnlyNulls();

        RestorePreview onSource = restorer.preview(source, RestoreOptions.full().withDataOnly(true)
                .withTables("my schema.*"), full);
        assertThat(onSource.tables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo(SampleDatabase.WEIRD_TABLE);
            assertThat(t.action()).isEqualTo("load");
            assertThat(t.rowsNow()).isEqualTo(original.tables().get(SampleDatabase.WEIRD_SCHEMA + "."
                    + SampleDatabase.WEIRD_TABLE).rowCount());
        });
        assertThat(TableChecksums.capture(source)).isEqualTo(original);
    }

    @Test
    void includeSelectsTablesWithTheirSequencesAndKeepsOtherObjectKinds() throws Exception {
        DumpAndRestore run = DumpAndRestore.of(pg, source, DumpOptions.full().withInclude("public.author", "book"));

        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        assertThat(restored.tables().keySet()).containsExactly("public.author", "public.book");
        assertThat(restored.tables().get("public.book")).isEqualTo(original.tables().get("public.book"));
        assertThat(restored.tables().get("public.author")).isEqualTo(original.tables().get("public.author"));
        assertThat(restored.sequences()).containsOnlyKeys("public.author_id_seq", "public.book_id_seq")
                .containsEntry("public.author_id_seq", original.sequences().get("public.author_id_seq"));
        assertThat(restored.functions()).isEqualTo(original.functions());
        assertThat(restored.views()).isEmpty();
    }

    @Test
    void excludeLeavesOutPartitionsOfExcludedTablesAndWholeSchemasOfTables() throws Exception {
        DumpAndRestore run = DumpAndRestore.of(pg, source,
                DumpOptions.full().withExclude("public.event", "my schema.*"));

        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        Predicate<String> excluded = k -> k.startsWith("public.event") || k.startsWith("my schema.");
        assertThat(restored.tables().keySet()).noneMatch(excluded);
        assertThat(restored.tables()).isEqualTo(without(original.tables(), excluded));
        assertThat(restored.views()).noneMatch(v -> v.startsWith("my schema."));
        assertThat(restored.functions()).contains("\"my schema\".\"Grüße\"(text)");
    }

    @Test
    void excludeDataKeepsTheDefinitionsWithoutRows() throws Exception {
        DumpAndRestore run = DumpAndRestore.of(pg, source,
                DumpOptions.full().withExcludeData("public.event", "public.audit_log"));

        assertThat(run.result().entries()).noneMatch(e -> "event_2024".equals(e.table()));
        DatabaseFingerprint restored = TableChecksums.capture(run.target());
        assertThat(restored.tables().get("public.event_2024").rowCount()).isZero();
        assertThat(restored.tables().get("public.audit_log").rowCount()).isZero();
        assertThat(restored.tables().get("public.book")).isEqualTo(original.tables().get("public.book"));
        assertThat(restored.indexes()).isEqualTo(original.indexes());
    }

    @Test
    void includePatternsMatchingNothingFail() {
        assertThatThrownBy(() -> new PgDumper().dump(source, DumpOptions.full().withInclude("nope.*"),
                new MemoryArchive()))
                .isInstanceOfSatisfying(PgEngineException.class,
                        e -> assertThat(e.reason()).isEqualTo(PgEngineException.Reason.NOTHING_SELECTED));
    }

    private static Map<String, TableChecksum> without(Map<String, TableChecksum> tables, Predicate<String> drop) {
        Map<String, TableChecksum> result = new TreeMap<>(tables);
        result.keySet().removeIf(drop);
        return result;
    }
}
