package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.read.BackupReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Byte ranges of the formats whose length is known (uncompressed sql, archive) equal the same slices of the whole
 * rendering: the first 100 bytes, a middle range, a suffix, and ranges that start and end around every boundary
 * between the parts the rendering is made of (schema, COPY header, table rows, trailer; tar headers, chunks,
 * padding).
 */
class RangeTest {

    @Test
    void sqlRangesEqualSlicesOfTheWholeScript() throws Exception {
        StressBackup stress = StressBackup.get();
        try (BackupReader reader = stress.backup.reader()) {
            RenderedExport sql = BackupExports.prepare(stress.backup.content(reader),
                    ExportRequest.parse("sql", "none", null));
            byte[] whole = SqlExportTest.bytes(sql);
            assertThat(sql.length()).hasValue(whole.length);
            TreeSet<Long> boundaries = new TreeSet<>();
            String text = new String(whole, StandardCharsets.ISO_8859_1); // byte offsets = char offsets
            Matcher m = Pattern.compile("\nCOPY |\\\\\\.\n|SET client_encoding|\\\\restrict|-- PostgreSQL database dump")
                    .matcher(text);
            while (m.find()) {
                boundaries.add((long) m.start());
                boundaries.add((long) m.end());
            }
            assertThat(boundaries).hasSizeGreaterThan(40);
            checkRanges(sql, whole, boundaries);
        }
    }

    @Test
    void archiveRangesEqualSlicesOfTheWholeTar() throws Exception {
        StressBackup stress = StressBackup.get();
        try (BackupReader reader = stress.backup.reader()) {
            RenderedExport tar = BackupExports.prepare(stress.backup.content(reader),
                    ExportRequest.parse("archive", null, null));
            byte[] whole = SqlExportTest.bytes(tar);
            assertThat(tar.length()).hasValue(whole.length);
            TreeSet<Long> boundaries = new TreeSet<>();
            for (long block = 0; block < whole.length; block += 512) {
                if (whole[(int) block + 257] == 'u' && new String(whole, (int) block + 257, 5,
                        StandardCharsets.US_ASCII).equals("ustar")) {
                    boundaries.add(block); // a header: the end of the previous object's padding
                    boundaries.add(block + 512); // the start of its data
                }
            }
            assertThat(boundaries).hasSizeGreaterThan(100);
            checkRanges(tar, whole, boundaries);
        }
    }

    @Test
    void rangesOutsideTheFileAndFormatsWithoutALengthAreRefused() throws Exception {
        StressBackup stress = StressBackup.get();
        try (BackupReader reader = stress.backup.reader()) {
            BackupContent content = stress.backup.content(reader);
            RenderedExport sql = BackupExports.prepare(content, ExportRequest.parse("sql", "none", null));
            long length = sql.length().orElseThrow();
            assertThatThrownBy(() -> sql.writeRange(new ByteArrayOutputStream(), length, length))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sql.writeRange(new ByteArrayOutputStream(), 10, 9))
                    .isInstanceOf(IllegalArgumentException.class);
            RenderedExport gz = BackupExports.prepare(content, ExportRequest.parse("sql", "gzip", null));
            assertThatThrownBy(() -> gz.writeRange(new ByteArrayOutputStream(), 0, 9))
                    .isInstanceOf(IllegalStateException.class);
            RenderedExport csv = BackupExports.prepare(content, ExportRequest.parse("csv", null, null));
            assertThat(csv.length()).isEmpty();
            assertThatThrownBy(() -> csv.writeRange(new ByteArrayOutputStream(), 0, 9))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static void checkRanges(RenderedExport export, byte[] whole, TreeSet<Long> boundaries) throws Exception {
        long n = whole.length;
        List<long[]> ranges = new ArrayList<>(List.of(new long[] {0, 99}, new long[] {n / 2 - 1000, n / 2 + 1000},
                new long[] {n - 500, n - 1}, new long[] {n - 1, n - 1}, new long[] {0, 0}, new long[] {0, n - 1}));
        List<Long> all = new ArrayList<>(boundaries);
        List<Long> points = new ArrayList<>();
        for (int i = 0; i < all.size(); i += Math.max(1, all.size() / 80)) {
            points.add(all.get(i)); // at most about 80 boundaries, spread over the file
        }
        for (int i = 0; i < points.size(); i++) {
            long b = points.get(i);
            ranges.add(new long[] {Math.max(0, b - 1), Math.min(n - 1, b)});          // across the boundary
            ranges.add(new long[] {b, Math.min(n - 1, b)});                           // one byte at it
            ranges.add(new long[] {Math.max(0, b - 37), Math.min(n - 1, b + 4099)});  // into the next part
            if (i + 2 < points.size()) {
                ranges.add(new long[] {b, Math.min(n - 1, points.get(i + 2) - 1)});   // whole parts
            }
        }
        for (long[] r : ranges) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            export.writeRange(out, r[0], r[1]);
            assertThat(out.toByteArray()).as("bytes %d-%d", r[0], r[1])
                    .isEqualTo(Arrays.copyOfRange(whole, (int) r[0], (int) r[1] + 1));
        }
    }
}
