package io.arca.export.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV quoting and the NULL convention; JSON values per column kind, including the ones JSON has no literal for. */
class RowWritersTest {

    @Test
    void csvQuotesWhatNeedsItAndTellsNullFromEmpty() throws IOException {
        String text = "plain\t\t\\N\ta,b\tsay \"hi\"\tline\\nbreak\tcr\\rhere\t  spaces  \n";
        assertThat(csv(List.of("a", "b", "c", "d", "e", "f", "g", "h"), 8, text)).isEqualTo(
                "a,b,c,d,e,f,g,h\r\nplain,\"\",,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\",  spaces  \r\n");
        assertThat(csv(List.of("odd \"name\", really"), 1, "x\n")).isEqualTo("\"odd \"\"name\"\", really\"\r\nx\r\n");
    }

    @Test
    void csvStreamsAFieldLongerThanItsBufferQuoted() throws IOException {
        String longValue = "x\"y".repeat(CsvRowWriter.FIELD_BUFFER);
        String out = csv(List.of("v"), 1, longValue + "\n");
        assertThat(out).isEqualTo("v\r\n\"" + longValue.replace("\"", "\"\"") + "\"\r\n");
    }

    @Test
    void jsonValuesByKind() throws IOException {
        List<String> columns = List.of("n", "f", "b", "j", "by", "s", "t");
        List<ColumnKind> kinds = List.of(ColumnKind.NUMBER, ColumnKind.NUMBER, ColumnKind.BOOLEAN, ColumnKind.JSON,
                ColumnKind.BYTEA, ColumnKind.STRING, ColumnKind.STRING);
        String out = json(columns, kinds, "-12.500\tNaN\tt\t{\"a\":\\n [1, \"x\\\\ny\"]}\t\\\\x00ff10\t"
                + "tab\\there \"q\" \\\\ ü \\001\t\\N\n"
                + "1e+300\t-Infinity\tf\tnull\t\\\\x\t\t\\N\n");
        assertThat(out).isEqualTo("{\"n\":-12.500,\"f\":\"NaN\",\"b\":true,\"j\":{\"a\":  [1, \"x\\ny\"]},"
                + "\"by\":\"AP8Q\",\"s\":\"tab\\there \\\"q\\\" \\\\ ü \\u0001\",\"t\":null}\n"
                + "{\"n\":1e+300,\"f\":\"-Infinity\",\"b\":false,\"j\":null,\"by\":\"\",\"s\":\"\",\"t\":null}\n");
    }

    @Test
    void byteaInEscapeFormatAndHugeNumbersStream() throws IOException {
        // bytea_output = escape: printable bytes as they are, \\ for a backslash, \nnn for the others
        assertThat(json(List.of("b"), List.of(ColumnKind.BYTEA), "ab\\\\\\\\\\\\000\\\\377\n"))
                .isEqualTo("{\"b\":\"YWJcAP8=\"}\n");
        String digits = "9".repeat(100_000) + "." + "1".repeat(1000);
        assertThat(json(List.of("n"), List.of(ColumnKind.NUMBER), digits + "\n"))
                .isEqualTo("{\"n\":" + digits + "}\n");
    }

    @Test
    void valuesThatAreNotOfTheirTypeAreRefusedNotWritten() {
        assertThatThrownBy(() -> json(List.of("n"), List.of(ColumnKind.NUMBER), "12abc\n"))
                .isInstanceOf(CopyTextException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> json(List.of("b"), List.of(ColumnKind.BOOLEAN), "yes\n"))
                .isInstanceOf(CopyTextException.class);
        assertThatThrownBy(() -> json(List.of("b"), List.of(ColumnKind.BYTEA), "\\\\x0g\n"))
                .isInstanceOf(CopyTextException.class);
    }

    @Test
    void typesMapToKinds() {
        assertThat(List.of("smallint", "integer", "bigint", "numeric", "numeric(12,2)", "real", "double precision"))
                .allMatch(t -> ColumnKind.of(t) == ColumnKind.NUMBER);
        assertThat(ColumnKind.of("boolean")).isEqualTo(ColumnKind.BOOLEAN);
        assertThat(ColumnKind.of("jsonb")).isEqualTo(ColumnKind.JSON);
        assertThat(ColumnKind.of("bytea")).isEqualTo(ColumnKind.BYTEA);
        assertThat(List.of("integer[]", "numeric(12,2)[]", "public.year", "timestamp with time zone", "uuid", "money",
                "\"char\"", "public.integer")).allMatch(t -> ColumnKind.of(t) == ColumnKind.STRING);
        assertThat(ColumnKind.of(null)).isEqualTo(ColumnKind.STRING);
    }

    private static String csv(List<String> columns, int n, String copyText) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRowWriter writer = new CsvRowWriter(out);
        writer.header(columns);
        new CopyTextParser(n, writer, "t").parse(new ByteArrayInputStream(copyText.getBytes(StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String json(List<String> columns, List<ColumnKind> kinds, String copyText) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CopyTextParser(columns.size(), new JsonRowWriter(out, columns, kinds), "t")
                .parse(new ByteArrayInputStream(copyText.getBytes(StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }
}
