package io.arca.pg.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.BlockRange;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large tables dumped as block ranges in parallel (segments of one entry) and restored by loading the ranges in
 * parallel: the split entry holds exactly the whole table's COPY text, an unchanged table splits into the same
 * segment bytes (so the archive's chunks repeat), a table that grew keeps its earlier segments, a range without a
 * live row is an empty segment, and the restored database equals the source.
 */
class SplitTableTest {
    /** Four blocks: the tables below have tens of ranges. */
    private static final long SPLIT = 4 * 8192;
    private static PgTestSupport pg;

    @BeforeAll
    static void setUp() {
        pg = new PgTestSupport();
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void splitTablesHoldTheWholeTablesTextAndRestoreEqual() throws Exception {
        PgConnectionSpec source = source("arca split");
        MemoryArchive whole = new MemoryArchive();
        DumpResult wholeDump = new PgDumper().dump(source, DumpOptions.full().withSplitBytes(SPLIT), whole);
        assertThat(wholeDump.tableRanges()).as("a sink that takes no segments gets whole tables").isEmpty();

        MemoryArchive split = new MemoryArchive().withSegments();
        DumpResult splitDump = new PgDumper().dump(source, DumpOptions.full().withSplitBytes(SPLIT), split);
        split.withEntries(splitDump);
        DumpEntry big = entry(splitDump, "big");
        DumpEntry toasty = entry(splitDump, "toasty");
        DumpEntry small = entry(splitDump, "small");
        assertThat(splitDump.tableRanges()).containsKeys(big.name(), toasty.name()).doesNotContainKey(small.name());
        List<BlockRange> ranges = splitDump.tableRanges().get(big.name());
        assertThat(ranges).hasSizeGreaterThan(10);
        assertThat(ranges.get(0)).isEqualTo(new BlockRange(0, 4));
        assertThat(ranges.get(ranges.size() - 1).open()).isTrue();
        assertThat(split.segmentSizes(big)).hasSize(ranges.size()).as("the deleted rows' blocks").contains(0L);
        for (DumpEntry e : splitDump.entries()) {
            if (e.kind() == EntryKind.TABLE_DATA) {
                assertThat(split.bytes.get(e.name()).toByteArray()).as(e.qualifiedTable())
                        .isEqualTo(whole.bytes.get(e.name()).toByteArray());
            }
        }
        assertThat(splitDump.rowCount("public", "big")).isEqualTo(wholeDump.rowCount("public", "big"))
                .isEqualTo(16_000);

        DumpPlan plan = DumpPlan.decode(splitDump.plan().encode());
        assertThat(plan.tableRanges()).isEqualTo(splitDump.tableRanges());

        PgConnectionSpec target = pg.freshDatabase("arca split restored");
        new PgRestorer(PgTools.locate(), Duration.ZERO).restore(target, RestoreOptions.full(), split);
        DatabaseFingerprint original = TableChecksums.capture(source);
        assertThat(TableChecksums.capture(target).differencesFrom(original)).isEmpty();
        assertThat(original.tables().get("public.big").rowCount()).isEqualTo(16_000);
    }

    @Test
    void anUnchangedTableSplitsIntoTheSameSegmentsAndAGrownOneKeepsItsEarlierOnes() throws Exception {
        PgConnectionSpec source = source("arca split again");
        List<byte[]> first = segments(source, "big");
        List<byte[]> second = segments(source, "big");
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("segment %d", i).isEqualTo(first.get(i));
        }

        // toasty has no free space: new rows go to new blocks at the end, so only its last range changes
        List<byte[]> before = segments(source, "toasty");
        pg.execute(source, "INSERT INTO toasty SELECT g, 'more ' || g, NULL FROM generate_series(6001, 12000) g");
        List<byte[]> grown = segments(source, "toasty");
        assertThat(grown).hasSizeGreaterThan(before.size());
        for (int i = 0; i < before.size() - 1; i++) {
            assertThat(grown.get(i)).as("segment %d, before the blocks the rows went to", i).isEqualTo(before.get(i));
        }

        // an update writes new row versions: the first range changes (its rows are gone or changed), others do not
        pg.execute(source, "UPDATE toasty SET doc = 'changed' WHERE id <= 10");
        List<byte[]> updated = segments(source, "toasty");
        assertThat(updated.get(0)).isNotEqualTo(grown.get(0));
        assertThat(updated.get(3)).isEqualTo(grown.get(3));
    }

    private static List<byte[]> segments(PgConnectionSpec source, String table) {
        MemoryArchive archive = new MemoryArchive().withSegments();
        DumpResult dump = new PgDumper().dump(source, DumpOptions.full().withSplitBytes(SPLIT), archive);
        DumpEntry entry = entry(dump, table);
        byte[] all = archive.bytes.get(entry.name()).toByteArray();
        List<byte[]> result = new ArrayList<>();
        int offset = 0;
        for (long size : archive.segmentSizes(entry)) {
            result.add(Arrays.copyOfRange(all, offset, offset + (int) size));
            offset += (int) size;
        }
        return result;
    }

    private static DumpEntry entry(DumpResult dump, String table) {
        return dump.entries().stream().filter(e -> table.equals(e.table())).findFirst().orElseThrow();
    }

    /**
     * {@code big}: 30,000 narrow rows, those of ids 5,001 to 19,000 deleted (whole ranges without a live row);
     * {@code toasty}: rows with every 40th one holding a 40 kB value stored out of line (TOAST), and bytea;
     * {@code small}: too small to split.
     */
    private static PgConnectionSpec source(String name) throws Exception {
        PgConnectionSpec source = pg.freshDatabase(name);
        pg.execute(source,
                "CREATE TABLE big (id int PRIMARY KEY, payload text, amount numeric, created timestamptz)",
                "INSERT INTO big SELECT g, md5(g::text), g * 1.5, '2026-01-01'::timestamptz + g * interval '1 min' "
                        + "FROM generate_series(1, 30000) g",
                "DELETE FROM big WHERE id BETWEEN 5001 AND 19000",
                "INSERT INTO big SELECT g, md5(g::text), g * 1.5, now() FROM generate_series(19001, 21000) g "
                        + "ON CONFLICT (id) DO NOTHING",
                "CREATE TABLE toasty (id int PRIMARY KEY, doc text, data bytea)",
                "ALTER TABLE toasty ALTER COLUMN doc SET STORAGE EXTERNAL",
                "INSERT INTO toasty SELECT g, CASE WHEN g % 40 = 0 THEN repeat(md5(g::text), 1250) ELSE 'short ' || g "
                        + "END, decode(md5(g::text), 'hex') FROM generate_series(1, 6000) g",
                "CREATE TABLE small (id int PRIMARY KEY, note text)",
                "INSERT INTO small VALUES (1, E'tab\\there'), (2, NULL)",
                "VACUUM ANALYZE");
        return source;
    }
}
