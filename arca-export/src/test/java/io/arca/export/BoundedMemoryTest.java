package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntryOutputStream;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import io.arca.common.crypto.SecretSealer;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering keeps memory bounded: a backup whose one table holds about 215 MB of COPY text, including a single 64 MiB
 * text value and a 32 MiB bytea (64 MiB as hex), is rendered in every format by a separate JVM limited to
 * {@value #HEAP_MB} MiB of heap ({@link BoundedMemoryRender}), which could not even hold one of those values. The
 * backup is written to a bucket on disk, so nothing of it is in the rendering JVM's heap to begin with.
 */
class BoundedMemoryTest {
    static final int HEAP_MB = 64;
    static final List<String> COLUMNS = List.of("id", "note", "payload", "doc", "amount");
    static final List<String> TYPES = List.of("bigint", "text", "bytea", "jsonb", "numeric(20,4)");
    static final int ROWS = 800_000;

    @Test
    void everyFormatRendersAHugeTableInASmallHeap(@TempDir Path dir) throws Exception {
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("bucket"));
        byte[] masterKey = new byte[32];
        masterKey[0] = 7;
        DataKeys master = new DataKeys(new SecretSealer(masterKey));
        String tenant = "memory-tenant";
        String backupId = "memory-backup";
        WrappedDataKey wrapped = master.generate(tenant);
        new BucketKeys(store).put(wrapped);
        DumpEntry table = DumpEntry.tableData(16400, "public", "huge", COLUMNS, TYPES);
        long textBytes;
        try (ArchiveWriter writer = ArchiveWriter.builder(store, tenant, backupId).index(new InMemoryChunkIndex())
                .options(WriterOptions.defaults().withRequestedOptions(Map.of("type", "data-only")))
                .encryption(master.unwrap(wrapped), wrapped).open()) {
            EntryOutputStream out = writer.openEntry(new EntrySpec(table.name(), "table-data", "public", "huge",
                    null));
            textBytes = writeRows(out);
            out.setRowCount(ROWS + 1);
            out.finish();
            DumpPlan plan = new DumpPlan("15.18", null, Instant.parse("2026-01-01T00:00:00Z"), List.of(table),
                    Map.of(table.name(), ROWS + 1L), Map.of());
            writer.writeEntry(EntrySpec.of(DumpPlan.ENTRY_NAME, DumpPlan.ENTRY_KIND),
                    new ByteArrayInputStream(plan.encode()));
            writer.finish();
        }
        assertThat(textBytes).isGreaterThan(200L << 20);
        String sha = ManifestFormat.sha256(store.get(RepositoryLayout.manifestKey(tenant, backupId)));

        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + HEAP_MB + "m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BoundedMemoryRender.class.getName(),
                dir.resolve("bucket").toString(), tenant, backupId, Base64.getEncoder().encodeToString(masterKey),
                sha));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("sql/none", "sql/gzip", "csv/gzip", "json/none", "archive/none")
                .doesNotContain("OutOfMemoryError");
    }

    /** Rows of every kind, one of them with a 64 MiB text and a 32 MiB bytea. Returns the bytes written. */
    private static long writeRows(EntryOutputStream out) {
        long total = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            sb.append(i).append("\tnote ").append(i).append(" with\\ttab and \\\\ backslash ü\t\\\\x")
                    .append(String.format("%08x%08x", i, i * 31)).append("\t{\"i\": ").append(i)
                    .append(", \"s\": \"v").append(i % 977).append("\"}\t").append(i).append(".2500\n");
            if (sb.length() > 1 << 16) {
                total += write(out, sb);
            }
        }
        total += write(out, sb);
        byte[] head = (ROWS + "\t").getBytes(StandardCharsets.US_ASCII);
        out.write(head, 0, head.length);
        byte[] text = "a long text value \\n with escapes \\t ".repeat(1 << 10).getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < 64L << 20; written += text.length) {
            out.write(text, 0, text.length);
        }
        byte[] hex = "\t\\\\x".getBytes(StandardCharsets.US_ASCII);
        out.write(hex, 0, hex.length);
        byte[] bytea = "00ff10ab".repeat(1 << 13).getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < 64L << 20; written += bytea.length) {
            out.write(bytea, 0, bytea.length);
        }
        byte[] tail = "\t{\"big\": true}\t1.0000\n".getBytes(StandardCharsets.US_ASCII);
        out.write(tail, 0, tail.length);
        return total + head.length + (128L << 20) + hex.length + tail.length;
    }

    private static long write(EntryOutputStream out, StringBuilder sb) {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        sb.setLength(0);
        return bytes.length;
    }
}
