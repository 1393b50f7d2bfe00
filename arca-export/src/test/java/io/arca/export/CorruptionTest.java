package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.format.AuthenticationFailedException;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.pg.DumpEntry;
import io.arca.pg.Identifiers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunk that was altered or lost in the bucket fails the rendering from its write method, and not a byte of what
 * that chunk holds is written before: everything written is a prefix of the intact rendering that ends before the
 * chunk. (The stream is cut, never completed: no gzip trailer, no zip directory.)
 */
class CorruptionTest {
    private TestBackup intact;
    private TestBackup damaged;
    private ChunkRef bad;
    private long badOffsetInEntry;
    private DumpEntry table;

    @BeforeEach
    void damageOneChunkOfOneTable() throws Exception {
        intact = StressBackup.get().backup;
        InMemoryObjectStore copy = new InMemoryObjectStore();
        try (var objects = intact.store().list("")) {
            objects.forEach(o -> copy.put(o.key(), intact.store().get(o.key())));
        }
        damaged = new TestBackup(copy, intact.master(), intact.tenant(), intact.backupId(), intact.dump(),
                intact.source());
        table = intact.dump().entries().stream().filter(e -> "stress".equals(e.table())).findFirst().orElseThrow();
        Manifest manifest = intact.manifest();
        ManifestEntry entry = manifest.entry(table.name()).orElseThrow();
        assertThat(entry.chunks()).hasSizeGreaterThan(4);
        bad = entry.chunks().get(3);
        badOffsetInEntry = entry.chunks().subList(0, 3).stream().mapToLong(ChunkRef::size).sum();
        long uses = manifest.entries().stream().flatMap(e -> e.chunks().stream())
                .filter(c -> c.name().equals(bad.name())).count();
        assertThat(uses).as("the damaged chunk is this table's only").isEqualTo(1);
        String key = RepositoryLayout.chunkKey(intact.tenant(), bad.name());
        byte[] stored = copy.get(key);
        stored[stored.length / 2] ^= 0x20;
        copy.put(key, stored);
    }

    @Test
    void sqlStopsBeforeTheDamagedChunk() throws Exception {
        byte[] whole = render(intact, "sql", "none");
        String header = "\nCOPY " + Identifiers.qualified(table.schema(), table.table())
                + Identifiers.columnList(table.columns()) + " FROM stdin;\n";
        long chunkStart = indexOf(whole, header.getBytes(StandardCharsets.UTF_8)) + header.getBytes(
                StandardCharsets.UTF_8).length + badOffsetInEntry;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BackupReader reader = damaged.reader()) {
            RenderedExport export = BackupExports.prepare(damaged.content(reader),
                    ExportRequest.parse("sql", "none", null));
            assertThatThrownBy(() -> export.writeTo(out)).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat((long) out.size()).isLessThanOrEqualTo(chunkStart);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(whole, out.size()));
    }

    @Test
    void theArchiveStopsBeforeTheDamagedChunk() throws Exception {
        byte[] whole = render(intact, "archive", null);
        long header = indexOf(whole, bad.name().getBytes(StandardCharsets.US_ASCII));
        assertThat(header % 512).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BackupReader reader = damaged.reader()) {
            RenderedExport export = BackupExports.prepare(damaged.content(reader),
                    ExportRequest.parse("archive", null, null));
            assertThatThrownBy(() -> export.writeTo(out)).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat((long) out.size()).isLessThanOrEqualTo(header + 512);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(whole, out.size()));
    }

    @Test
    void compressedAndZippedFormatsFailToo() throws Exception {
        for (List<String> format : List.of(List.of("sql", "gzip"), List.of("sql", "zstd"), List.of("csv", "gzip"),
                List.of("json", "none"))) {
            try (BackupReader reader = damaged.reader()) {
                RenderedExport export = BackupExports.prepare(damaged.content(reader),
                        ExportRequest.parse(format.get(0), format.get(1), null));
                assertThatThrownBy(() -> export.writeTo(new ByteArrayOutputStream())).as(format.toString())
                        .isInstanceOf(AuthenticationFailedException.class);
            }
        }
    }

    @Test
    void aMissingChunkFailsTheRangeThatNeedsIt() throws Exception {
        damaged.store().delete(RepositoryLayout.chunkKey(intact.tenant(), bad.name()));
        try (BackupReader reader = damaged.reader()) {
            RenderedExport export = BackupExports.prepare(damaged.content(reader),
                    ExportRequest.parse("sql", "none", null));
            assertThatThrownBy(() -> export.writeTo(new ByteArrayOutputStream()))
                    .isInstanceOf(ObjectNotFoundException.class);
            // the first 100 bytes do not need it
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            export.writeRange(head, 0, 99);
            assertThat(head.toByteArray()).isEqualTo(Arrays.copyOf(render(intact, "sql", "none"), 100));
        }
    }

    private static byte[] render(TestBackup backup, String format, String compression) throws Exception {
        try (BackupReader reader = backup.reader()) {
            return SqlExportTest.bytes(BackupExports.prepare(backup.content(reader),
                    ExportRequest.parse(format, compression, null)));
        }
    }

    private static long indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
