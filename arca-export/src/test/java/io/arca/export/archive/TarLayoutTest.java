package io.arca.export.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar writer against GNU tar and Python's tarfile: short paths, paths that need ustar's prefix, a path too long
 * for ustar (pax header), an empty file, sizes on and off block boundaries; the length announced is the length
 * written, and every range is the same slice of the whole.
 */
class TarLayoutTest {
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void gnuTarAndPythonReadWhatIsWritten(@TempDir Path dir) throws Exception {
        List<String> paths = List.of("short", "tenants/" + "t".repeat(36) + "/chunks/ab/" + "ab".repeat(32),
                "tenants/" + "x".repeat(128) + "/backups/" + "y".repeat(128) + "/manifest", "empty",
                "exactly/one/block");
        List<byte[]> data = List.of(bytes(1, 7), bytes(2, 1000), bytes(3, 513), new byte[0], bytes(4, 512));
        List<TarLayout.Item> items = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            items.add(TarLayout.Item.object(paths.get(i), data.get(i).length, TIME));
        }
        TarLayout layout = new TarLayout(items);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        layout.write(out, 0, layout.length() - 1, data::get);
        byte[] tar = out.toByteArray();
        assertThat((long) tar.length).isEqualTo(layout.length());
        assertThat(tar.length % 512).isZero();

        Path file = dir.resolve("t.tar");
        Files.write(file, tar);
        Path extracted = Files.createDirectory(dir.resolve("x"));
        run("tar", "-xf", file.toString(), "-C", extracted.toString());
        for (int i = 0; i < paths.size(); i++) {
            assertThat(Files.readAllBytes(extracted.resolve(paths.get(i)))).as(paths.get(i)).isEqualTo(data.get(i));
        }
        String python = run("python3", "-c", "import tarfile,sys\n"
                + "for m in tarfile.open(sys.argv[1]): print(m.name, m.size, m.mtime, oct(m.mode))", file.toString());
        for (int i = 0; i < paths.size(); i++) {
            assertThat(python).contains(paths.get(i) + " " + data.get(i).length + " " + TIME.getEpochSecond()
                    + " 0o644");
        }

        for (long first = 0; first < tar.length; first += 97) {
            long last = Math.min(tar.length - 1, first + (first * 7919) % 3000);
            ByteArrayOutputStream slice = new ByteArrayOutputStream();
            layout.write(slice, first, last, data::get);
            assertThat(slice.toByteArray()).as("%d-%d", first, last)
                    .isEqualTo(Arrays.copyOfRange(tar, (int) first, (int) last + 1));
        }
    }

    @Test
    void paxRecordsCountTheirOwnLength() {
        assertThat(TarHeader.record("path", "a")).isEqualTo("9 path=a\n");
        assertThat(TarHeader.record("path", "v".repeat(90))).hasSize(99).startsWith("99 path=");
        // 2 digits would make 100 bytes, which takes 3 digits: the record is 101
        assertThat(TarHeader.record("path", "v".repeat(91))).hasSize(101).startsWith("101 path=");
    }

    private static byte[] bytes(int seed, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
