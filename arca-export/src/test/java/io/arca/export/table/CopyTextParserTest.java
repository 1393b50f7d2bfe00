package io.arca.export.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY text decoding: separators, NULL and its look-alikes, every escape, pieces split anywhere. */
class CopyTextParserTest {

    @Test
    void decodesEveryEscape() throws IOException {
        assertThat(parse(2, "a\\tb\\nc\\rd\\\\e\\bf\\fg\\vh\tplain\n"))
                .containsExactly(List.of("a\tb\nc\rd\\e\bf\fg\u000bh", "plain"));
        assertThat(parse(1, "\\101\\1010\\7\\x41\\x4g\\xZ\\q\\.\n"))
                .containsExactly(List.of("AA0\u0007A\u0004gxZq."));
        assertThat(parse(1, "\\303\\274\n")).containsExactly(List.of("ü")); // octal bytes of UTF-8
    }

    @Test
    void onlyAWholeBackslashNIsNull() throws IOException {
        assertThat(parse(4, "\\N\t\\\\N\t\\Nx\t\n")).containsExactly(java.util.Arrays.asList(null, "\\N", "Nx", ""));
        assertThat(parse(2, "\\N\t\\N\n\t\n")).containsExactly(java.util.Arrays.asList(null, null), List.of("", ""));
    }

    @Test
    void piecesOfAnySizeGiveTheSameRows() throws IOException {
        String text = "1\t\\N\tab\\\\c\\x41\\101\n2\t\\N\t\\Nq\\t\n3\t\t\\\\\n";
        List<List<String>> whole = parse(3, text);
        assertThat(whole).hasSize(3);
        for (int piece = 1; piece <= 7; piece++) {
            assertThat(parse(3, new Trickle(text.getBytes(StandardCharsets.UTF_8), piece))).isEqualTo(whole);
        }
    }

    @Test
    void aTableWithoutColumnsHasEmptyLines() throws IOException {
        Rows rows = new Rows();
        assertThat(new CopyTextParser(0, rows, "t").parse(in("\n\n\n"))).isEqualTo(3);
        assertThat(rows.rows).containsExactly(List.of(), List.of(), List.of());
        assertThatThrownBy(() -> parse(0, "x\n")).isInstanceOf(CopyTextException.class)
                .hasMessageContaining("no columns");
    }

    @Test
    void rowsThatDoNotMatchThePlanAreRefused() {
        assertThatThrownBy(() -> parse(2, "a\n")).isInstanceOf(CopyTextException.class)
                .hasMessageContaining("row 1 of t has 1 fields, the dump plan lists 2 columns");
        assertThatThrownBy(() -> parse(1, "a\tb\n")).isInstanceOf(CopyTextException.class)
                .hasMessageContaining("more fields than the 1 columns");
        assertThatThrownBy(() -> parse(1, "a\nb")).isInstanceOf(CopyTextException.class)
                .hasMessageContaining("ends inside row 2");
    }

    static List<List<String>> parse(int columns, String text) throws IOException {
        return parse(columns, in(text));
    }

    static List<List<String>> parse(int columns, InputStream in) throws IOException {
        Rows rows = new Rows();
        long n = new CopyTextParser(columns, rows, "t").parse(in);
        assertThat(n).isEqualTo(rows.rows.size());
        return rows.rows;
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Collects rows as strings (null for NULL), checking the call sequence. */
    static final class Rows implements CopyRowHandler {
        final List<List<String>> rows = new ArrayList<>();
        private List<String> row;
        private ByteArrayOutputStream field;

        @Override
        public void beginRow() {
            assertThat(row).isNull();
            row = new ArrayList<>();
        }

        @Override
        public void nullField(int column) {
            assertThat(column).isEqualTo(row.size());
            row.add(null);
        }

        @Override
        public void beginField(int column) {
            assertThat(column).isEqualTo(row.size());
            field = new ByteArrayOutputStream();
        }

        @Override
        public void fieldBytes(byte[] b, int off, int len) {
            field.write(b, off, len);
        }

        @Override
        public void endField(int column) {
            row.add(field.toString(StandardCharsets.UTF_8));
            field = null;
        }

        @Override
        public void endRow() {
            rows.add(row);
            row = null;
        }
    }

    /** Hands out at most {@code piece} bytes per read. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int piece;

        Trickle(byte[] bytes, int piece) {
            super(bytes);
            this.piece = piece;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, piece));
        }
    }
}
