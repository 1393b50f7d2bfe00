package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.arca.archive.read.BackupReader;
import io.arca.export.table.ColumnKind;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code json} format of the stress backup: one JSON object per line and row, whose values round-trip to the
 * source's for every column type: numbers exactly (as BigDecimal, never through a double; NaN and infinities as
 * strings), booleans, json and jsonb as JSON, bytea as base64, everything else (timestamps with their offsets, uuid,
 * arrays, enums, domains, ...) as the source's text, NULL as null. A backup whose dump plan has no column types
 * (written before version 3) gets every value as a string.
 */
class JsonExportTest {
    /** Reads numbers exactly: BigDecimal with their scale (Jackson's default node factory strips trailing zeros). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @Test
    void everyColumnTypeRoundTrips(@TempDir Path dir) throws Exception {
        StressBackup stress = StressBackup.get();
        Path zip = CsvExportTest.write(stress, "json", "gzip", dir);
        TestPg.run("unzip", "-tq", zip.toString());
        List<DumpEntry> tables = tables(stress);
        try (ZipFile files = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            assertThat(files.size()).isEqualTo(tables.size() + 1);
            for (DumpEntry table : tables) {
                String name = io.arca.export.zip.ZipNamesAccess.sanitise(table.qualifiedTable()) + ".jsonl";
                List<String> lines = lines(files, name);
                List<ColumnKind> kinds = table.columnTypes().stream().map(ColumnKind::of).toList();
                assertThat(kinds).as("types of %s", table.qualifiedTable()).hasSize(table.columns().size());
                List<List<String>> rows = new ArrayList<>();
                for (String line : lines) {
                    rows.add(values(JSON.readTree(line), table, kinds));
                }
                List<List<String>> source = SourceRows.of(stress.source, table).stream()
                        .map(row -> canonical(row, kinds)).toList();
                SourceRows.assertSameRows(rows, source, table.qualifiedTable());
            }
            String stressRows = String.join("\n", lines(files, "public.stress.jsonl"));
            // numbers as written by PostgreSQL, digit for digit; what JSON lacks as strings
            assertThat(stressRows).contains("\"n_prec\":12345678901234567890.12345678901234567890",
                    "\"i8\":9223372036854775807", "\"n\":\"NaN\"", "\"r\":\"Infinity\"", "\"d\":\"-Infinity\"",
                    "\"d\":0.1,", "\"n\":-0.000000000000000000001", "\"b\":true", "\"by\":\"AP8Q\"",
                    "\"ts\":\"0001-01-01 00:00:00\"", "\"j\":{   \"nested\"", "\"u\":null");
        }
    }

    @Test
    void aPlanWithoutColumnTypesMakesEveryValueAString(@TempDir Path dir) throws Exception {
        StressBackup stress = StressBackup.get();
        Path zip = dir.resolve("v2.zip");
        try (BackupReader reader = stress.backup.reader(); OutputStream out = Files.newOutputStream(zip)) {
            BackupContent content = stress.backup.content(reader);
            DumpPlan plan = content.plan();
            DumpPlan v2 = new DumpPlan(plan.serverVersion(), plan.pgDumpVersion(), plan.snapshotTime(),
                    plan.entries().stream().map(DumpEntry::withoutColumnTypes).toList(), plan.rowCounts(),
                    plan.postDataItemTables());
            BackupExports.prepare(new BackupContent(reader, content.manifest(), v2, content.store()),
                    ExportRequest.parse("json", "gzip", null)).writeTo(out);
        }
        DumpEntry stressTable = tables(stress).stream().filter(t -> t.table().equals("stress")).findFirst()
                .orElseThrow();
        try (ZipFile files = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines(files, "public.stress.jsonl")) {
                JsonNode row = JSON.readTree(line);
                List<String> values = new ArrayList<>();
                row.properties().forEach(p -> {
                    assertThat(p.getValue().isTextual() || p.getValue().isNull()).as(p.getKey()).isTrue();
                    values.add(p.getValue().isNull() ? null : SourceRows.compact(p.getValue().asText()));
                });
                rows.add(values);
            }
            SourceRows.assertSameRows(rows, SourceRows.of(stress.source, stressTable), "public.stress");
        }
    }

    private static List<DumpEntry> tables(StressBackup stress) {
        return stress.backup.dump().entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();
    }

    private static List<String> lines(ZipFile files, String name) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                files.getInputStream(files.getEntry(name)), StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    /** A JSON row's values in column order, canonical per kind; checks the keys are the columns, in order. */
    private static List<String> values(JsonNode row, DumpEntry table, List<ColumnKind> kinds) {
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(table.columns());
        List<String> values = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        for (int i = 0; fields.hasNext(); i++) {
            JsonNode v = fields.next().getValue();
            values.add(v.isNull() ? nullOf(kinds.get(i)) : switch (kinds.get(i)) {
                case NUMBER -> v.isNumber() ? number(v.decimalValue()) : nonFinite(v.asText());
                case BOOLEAN -> (v.booleanValue() ? "t" : "f") + (v.isBoolean() ? "" : " (not a boolean)");
                case JSON -> v.toString();
                case BYTEA -> SourceRows.compact("\\x" + HexFormat.of().formatHex(Base64.getDecoder()
                        .decode(v.textValue())));
                case STRING -> SourceRows.compact(v.textValue());
            });
        }
        return values;
    }

    /** The source's text of a row in the same canonical form. */
    private static List<String> canonical(List<String> row, List<ColumnKind> kinds) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            String v = row.get(i);
            values.add(v == null ? nullOf(kinds.get(i)) : switch (kinds.get(i)) {
                case NUMBER -> v.equals("NaN") || v.contains("Infinity") ? nonFinite(v) : number(new BigDecimal(v));
                case BOOLEAN -> v;
                case JSON -> read(v).isNull() ? nullOf(ColumnKind.JSON) : read(v).toString();
                case BYTEA, STRING -> v; // as the source writes it (a digest when long)
            });
        }
        return values;
    }

    /**
     * NULL; for json and jsonb also the JSON document {@code null}, which the export cannot tell from NULL (both are
     * JSON's null: documented).
     */
    private static String nullOf(ColumnKind kind) {
        return kind == ColumnKind.JSON ? "null or json null" : null;
    }

    private static String number(BigDecimal value) {
        return value.toString(); // keeps the scale: 1.50 stays 1.50, so rounding or a lost digit shows
    }

    private static String nonFinite(String value) {
        return "non-finite " + value;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
