package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden vectors of the {@code dump-plan} entry under {@code src/test/resources/golden/dump-plan}: {@code v1.json}
 * as the worker wrote plans before entry kinds had one spelling, {@code v2.json} before column types and foreign key
 * tables were recorded, {@code v3.json} before relations were, {@code v4.json} before split tables' ranges were (all
 * kept forever: backups in buckets hold them), and {@code v5.json} as this build writes them. Never regenerate v1 to
 * v4; {@code v5.json} is recreated with {@code -Darca.golden.regenerate=true} only when version 5 is new, and a
 * change to it means a version 6.
 */
class DumpPlanTest {
    static final Path DIR = Path.of("src/test/resources/golden/dump-plan");

    /**
     * The plan the golden files hold: every entry kind, identifiers that need quoting, an empty table, column types
     * (built-in, with a modifier, an array, a schema-qualified user type) and a foreign key of each kind.
     */
    static final DumpPlan PLAN = new DumpPlan("15.18", "pg_dump (PostgreSQL) 17.6",
            Instant.parse("2025-12-31T23:59:59Z"),
            List.of(DumpEntry.preData(),
                    DumpEntry.tableData(16385, "public", "film", List.of("film_id", "title", "note ü"),
                            List.of("integer", "character varying(255)", "text[]")),
                    DumpEntry.tableData(16392, "my schema", "Weird \"Name\" ü", List.of("id", "Wert \"ü\""),
                            List.of("bigint", "\"my schema\".\"Pöint\"")),
                    DumpEntry.tableData(16399, "public", "empty", List.of()),
                    DumpEntry.largeObjects(), DumpEntry.sequenceValues(), DumpEntry.postData()),
            Map.of("data/16385", 3L, "data/16392", 2L, "data/16399", 0L),
            Map.of("1259/16390", "data/16385", "2606/16391", "data/16385"),
            Map.of("2606/16393", new ForeignKeyTables("data/16392", "data/16385"),
                    "2606/16394", new ForeignKeyTables("data/16385", null)),
            Map.of(16385L, new DumpRelation(16385, "public", "film", 'r', 0, 0),
                    16384L, new DumpRelation(16384, "public", "film_film_id_seq", 'S', 16385, 0),
                    16392L, new DumpRelation(16392, "my schema", "Weird \"Name\" ü", 'r', 0, 16380),
                    16380L, new DumpRelation(16380, "my schema", "parent", 'p', 0, 0)),
            Map.of("2604/16386", 16385L, "1259/16390", 16385L, "2620/16395", 16392L),
            Map.of("data/16385", List.of(new BlockRange(0, 8192), new BlockRange(8192, 16384),
                    new BlockRange(16384, -1))));

    /** What version 4 holds of {@link #PLAN}: no table ranges. */
    static final DumpPlan PLAN_V4 = new DumpPlan(PLAN.serverVersion(), PLAN.pgDumpVersion(), PLAN.snapshotTime(),
            PLAN.entries(), PLAN.rowCounts(), PLAN.postDataItemTables(), PLAN.foreignKeyTables(), PLAN.relations(),
            PLAN.itemRelations());

    /** What version 3 holds of {@link #PLAN}: no relations. */
    static final DumpPlan PLAN_V3 = new DumpPlan(PLAN.serverVersion(), PLAN.pgDumpVersion(), PLAN.snapshotTime(),
            PLAN.entries(), PLAN.rowCounts(), PLAN.postDataItemTables(), PLAN.foreignKeyTables());

    /** What versions 1 and 2 hold of {@link #PLAN}: no column types, no foreign key tables. */
    static final DumpPlan PLAN_BEFORE_V3 = new DumpPlan(PLAN.serverVersion(), PLAN.pgDumpVersion(),
            PLAN.snapshotTime(), PLAN.entries().stream().map(DumpEntry::withoutColumnTypes).toList(),
            PLAN.rowCounts(), PLAN.postDataItemTables());

    @Test
    @EnabledIfSystemProperty(named = "arca.golden.regenerate", matches = "true")
    void regenerate() throws IOException {
        Files.write(DIR.resolve("v5.json"), PLAN.encode());
    }

    @Test
    void thisBuildWritesExactlyVersion5() throws IOException {
        assertThat(new String(PLAN.encode(), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(DIR.resolve("v5.json")));
        DumpPlan decoded = DumpPlan.decode(Files.readAllBytes(DIR.resolve("v5.json")));
        assertThat(decoded).isEqualTo(PLAN);
        assertThat(decoded.relations().get(16384L).ownedBy()).isEqualTo(16385L);
        assertThat(decoded.relations().get(16392L).partitionOf()).isEqualTo(16380L);
        assertThat(decoded.itemRelations()).containsEntry("2620/16395", 16392L);
        assertThat(decoded.tableRanges().get("data/16385")).extracting(BlockRange::toBlock)
                .containsExactly(8192L, 16384L, -1L);
        assertThat(Files.readString(DIR.resolve("v5.json"))).contains("\"ranges\":[[0,8192],[8192,16384],[16384,null]]");
    }

    @Test
    void version4StillReadsWithoutRanges() throws IOException {
        DumpPlan decoded = DumpPlan.decode(Files.readAllBytes(DIR.resolve("v4.json")));
        assertThat(decoded).isEqualTo(PLAN_V4);
        assertThat(decoded.tableRanges()).isEmpty();
    }

    @Test
    void refusesRangesItCannotRead() {
        for (String ranges : List.of("[]", "[[0,8]]", "[[0,null],[8,null]]", "[[8,4],[4,null]]", "[[\"a\",null]]",
                "[[-1,null]]", "[0]")) {
            assertThatThrownBy(() -> DumpPlan.decode(utf8("{\"version\":5,\"entries\":[{\"name\":\"data/1\","
                    + "\"kind\":\"table-data\",\"schema\":\"s\",\"table\":\"t\",\"columns\":[\"a\"],"
                    + "\"ranges\":" + ranges + "}]}")))
                    .as(ranges).isInstanceOf(IOException.class).hasMessageContaining("unreadable ranges for data/1");
        }
    }

    @Test
    void version3StillReadsWithoutRelations() throws IOException {
        DumpPlan decoded = DumpPlan.decode(Files.readAllBytes(DIR.resolve("v3.json")));
        assertThat(decoded).isEqualTo(PLAN_V3);
        assertThat(decoded.relations()).isEmpty();
        assertThat(decoded.knowsColumnTypes()).isTrue();
        assertThat(decoded.entries().get(2).columnTypes()).containsExactly("bigint", "\"my schema\".\"Pöint\"");
        assertThat(decoded.foreignKeyTables().get("2606/16394").references()).isNull();
    }

    @Test
    void version1WithEnumSpelledKindsStillReads() throws IOException {
        assertThat(DumpPlan.decode(Files.readAllBytes(DIR.resolve("v1.json")))).isEqualTo(PLAN_BEFORE_V3);
    }

    @Test
    void version2StillReadsWithoutColumnTypesOrForeignKeys() throws IOException {
        DumpPlan v2 = DumpPlan.decode(Files.readAllBytes(DIR.resolve("v2.json")));
        assertThat(v2).isEqualTo(PLAN_BEFORE_V3);
        assertThat(v2.knowsColumnTypes()).isFalse();
        assertThat(v2.foreignKeyTables()).isEmpty();
    }

    @Test
    void columnTypesAreOnePerColumn() {
        assertThatThrownBy(() -> DumpEntry.tableData(1, "s", "t", List.of("a", "b"), List.of("integer")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 columns but 1 column types");
        assertThatThrownBy(() -> DumpPlan.decode(utf8("{\"version\":3,\"entries\":[{\"name\":\"data/1\","
                + "\"kind\":\"table-data\",\"schema\":\"s\",\"table\":\"t\",\"columns\":[\"a\"],"
                + "\"columnTypes\":[\"integer\",\"text\"]}]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("unreadable entry data/1");
    }

    @Test
    void kindsAreSpelledAsTheManifestDoes() throws IOException {
        String v5 = Files.readString(DIR.resolve("v5.json"));
        assertThat(v5).contains("\"kind\":\"pre-data\"", "\"kind\":\"table-data\"", "\"kind\":\"large-objects\"",
                "\"kind\":\"sequence-values\"", "\"kind\":\"post-data\"").doesNotContain("_DATA", "_OBJECTS", "_VALUES");
        assertThat(Arrays.stream(EntryKind.values()).map(EntryKind::label))
                .containsExactly("pre-data", "table-data", "large-objects", "sequence-values", "post-data");
        assertThat(Arrays.stream(EntryKind.values()).map(k -> EntryKind.ofLabel(k.label()).orElseThrow()))
                .containsExactly(EntryKind.values());
    }

    @Test
    void entryNamesAreTheDocumentedOnes() {
        assertThat(PLAN.entries()).extracting(DumpEntry::name).containsExactly("pre-data", "data/16385",
                "data/16392", "data/16399", "large-objects", "sequence-values", "post-data");
        assertThat(DumpPlan.ENTRY_NAME).isEqualTo("dump-plan");
        assertThat(DumpPlan.ENTRY_KIND).isEqualTo("dump-plan");
    }

    @Test
    void refusesVersionsAndKindsItDoesNotKnow() {
        assertThatThrownBy(() -> DumpPlan.decode(utf8("{\"version\":6,\"entries\":[]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported dump plan version 6");
        assertThatThrownBy(() -> DumpPlan.decode(utf8("{\"version\":4,\"entries\":[],\"relations\":"
                + "{\"12\":{\"schema\":\"s\",\"kind\":\"r\"}}}")))
                .isInstanceOf(IOException.class).hasMessageContaining("unreadable relation 12");
        assertThatThrownBy(() -> DumpPlan.decode(utf8("{\"entries\":[]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("version -1");
        assertThatThrownBy(() -> DumpPlan.decode(utf8(
                "{\"version\":2,\"entries\":[{\"name\":\"data/1\",\"kind\":\"TABLE_DATA\"}]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown entry kind TABLE_DATA");
        assertThatThrownBy(() -> DumpPlan.decode(utf8(
                "{\"version\":1,\"entries\":[{\"name\":\"x\",\"kind\":\"INDEX_DATA\"}]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown entry kind INDEX_DATA");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
