package io.arca.pg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpAndRestore;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTextChecksumTest {

    private static CopyTextChecksum of(String text, int... splits) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CopyTextChecksum c = new CopyTextChecksum();
        int from = 0;
        for (int split : splits) {
            c.write(bytes, from, split - from);
            from = split;
        }
        c.write(bytes, from, bytes.length - from);
        return c;
    }

    @Test
    void rowOrderAndWriteBoundariesDoNotMatterButContentDoes() {
        CopyTextChecksum abc = of("1\ta\n2\tb\n3\t\\N\n");
        assertThat(abc.rows()).isEqualTo(3);
        assertThat(of("3\t\\N\n1\ta\n2\tb\n").checksum()).isEqualTo(abc.checksum());
        assertThat(of("1\ta\n2\tb\n3\t\\N\n", 1, 2, 3, 9).checksum()).isEqualTo(abc.checksum());
        CopyTextChecksum oneByOne = new CopyTextChecksum();
        for (byte b : "2\tb\n1\ta\n3\t\\N\n".getBytes(StandardCharsets.UTF_8)) {
            oneByOne.write(b);
        }
        assertThat(oneByOne.checksum()).isEqualTo(abc.checksum());

        assertThat(of("1\ta\n2\tc\n3\t\\N\n").checksum()).isNotEqualTo(abc.checksum());
        assertThat(of("1\ta\n2\tb\n3\t\n").checksum()).as("NULL is not the empty string").isNotEqualTo(abc.checksum());
        assertThat(of("1\ta\n1\ta\n2\tb\n3\t\\N\n").rows()).isEqualTo(4);
        assertThat(of("1\ta\n1\ta\n").checksum()).as("duplicate rows do not cancel out")
                .isNotEqualTo(new CopyTextChecksum().checksum());
        assertThat(of("1\ta\n2\tb\n3\t\\N").checksum()).as("a last line without newline counts")
                .isEqualTo(abc.checksum());
    }

    @Test
    void aTableRestoredFromItsDumpHasTheChecksumOfTheDumpedEntryAndAChangedRowDoesNot() throws Exception {
        try (PgTestSupport pg = new PgTestSupport()) {
            PgConnectionSpec source = pg.freshDatabase("arca checksum ü");
            try (Connection c = pg.connect(source)) {
                SampleDatabase.load(c);
            }
            DumpAndRestore run = DumpAndRestore.of(pg, source, DumpOptions.full());
            List<DumpEntry> tables = run.result().entries().stream()
                    .filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();
            assertThat(tables).hasSizeGreaterThan(5);
            try (Connection restored = CopyTextChecksum.openSession(run.target())) {
                for (DumpEntry table : tables) {
                    CopyTextChecksum dumped = new CopyTextChecksum();
                    dumped.write(run.archive().bytes.get(table.name()).toByteArray());
                    CopyTextChecksum live = CopyTextChecksum.ofTable(restored, table);
                    assertThat(live.rows()).as(table.qualifiedTable()).isEqualTo(run.result().rowCounts()
                            .get(table.name())).isEqualTo(dumped.rows());
                    assertThat(live.checksum()).as(table.qualifiedTable()).isEqualTo(dumped.checksum());
                }
                DumpEntry book = tables.stream().filter(t -> t.table().equals("book")).findFirst().orElseThrow();
                String before = CopyTextChecksum.ofTable(restored, book).checksum();
                try (Statement s = restored.createStatement()) {
                    s.execute("UPDATE public.book SET title = title || '!' WHERE id = (SELECT min(id) FROM public.book)");
                }
                assertThat(CopyTextChecksum.ofTable(restored, book).checksum()).isNotEqualTo(before);
            }
        }
    }
}
