package io.arca.archive.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.TestData;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.format.AuthenticationFailedException;
import io.arca.archive.format.HashMismatchException;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.KeyRing;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.manifest.ManifestMismatchException;
import io.arca.archive.manifest.UnsupportedManifestVersionException;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import io.arca.common.crypto.SecretSealer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackupReaderTest {
    static final ChunkerConfig SMALL = new ChunkerConfig(1024, 4096, 16384);
    final InMemoryObjectStore store = new InMemoryObjectStore();
    final DataKeys master = new DataKeys(new SecretSealer(new byte[32]));
    final WrappedDataKey wrapped = master.generate("t1");
    final DataKey key = master.unwrap(wrapped);
    final byte[] data = TestData.text(11, 300_000);
    Manifest manifest;

    @BeforeEach
    void writeBackup() throws Exception {
        try (ArchiveWriter w = ArchiveWriter.builder(store, "t1", "b1").index(new InMemoryChunkIndex())
                .options(WriterOptions.defaults().withChunking(SMALL)).encryption(key, wrapped).open()) {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(data));
            manifest = w.finish();
        }
    }

    @Test
    void readsFromAnyOffsetIncludingChunkBoundariesAndTheEnd() throws Exception {
        ManifestEntry entry = manifest.entry("e").orElseThrow();
        long boundary = entry.chunks().get(0).size() + entry.chunks().get(1).size();
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key), 2)) {
            for (long offset : new long[] {0, 1, 4095, boundary - 1, boundary, boundary + 1, data.length - 1,
                    data.length}) {
                try (InputStream in = reader.openEntry(entry, offset)) {
                    assertThat(in.readAllBytes()).as("offset %d", offset)
                            .isEqualTo(Arrays.copyOfRange(data, (int) offset, data.length));
                }
            }
            assertThatThrownBy(() -> reader.openEntry(entry, data.length + 1L))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readAheadZeroAndLargeGiveTheSameBytes() throws Exception {
        for (int readAhead : new int[] {0, 1, 64}) {
            try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key), readAhead);
                    InputStream in = reader.openEntry(manifest, "e")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void aTamperedChunkFailsTheRead() throws Exception {
        ChunkRef third = manifest.entry("e").orElseThrow().chunks().get(2);
        String chunkKey = RepositoryLayout.chunkKey("t1", third.name());
        byte[] stored = store.get(chunkKey);
        stored[stored.length - 5] ^= 4;
        store.put(chunkKey, stored);
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key));
                InputStream in = reader.openEntry(manifest, "e")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void aChunkStoredUnderAnotherNameIsRefused() {
        ChunkRef first = manifest.entry("e").orElseThrow().chunks().get(0);
        ChunkRef second = manifest.entry("e").orElseThrow().chunks().get(1);
        store.put(RepositoryLayout.chunkKey("t1", first.name()),
                store.get(RepositoryLayout.chunkKey("t1", second.name())));
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key))) {
            assertThatThrownBy(() -> reader.readChunk(first)).isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void aMissingBackupOrChunkIsNotFound() throws Exception {
        store.delete(RepositoryLayout.chunkKey("t1", manifest.entry("e").orElseThrow().chunks().get(0).name()));
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key))) {
            assertThatThrownBy(() -> reader.readManifest("nope")).isInstanceOf(ObjectNotFoundException.class);
            try (InputStream in = reader.openEntry(manifest, "e")) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(ObjectNotFoundException.class);
            }
        }
    }

    @Test
    void anEntryWhoseChunksDoNotMatchItsHashIsRefusedAtTheEnd() throws Exception {
        ManifestEntry e = manifest.entry("e").orElseThrow();
        ManifestEntry lying = new ManifestEntry(e.name(), e.kind(), null, null, null, e.size(),
                "00".repeat(32), e.chunks());
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key));
                InputStream in = reader.openEntry(lying, 0)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(EntryCorruptException.class)
                    .hasMessageContaining("hashes to");
        }
    }

    @Test
    void aManifestFromAnotherBackupOrAnUnknownVersionIsRefused() {
        store.put(RepositoryLayout.manifestKey("t1", "b2"), store.get(RepositoryLayout.manifestKey("t1", "b1")));
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key))) {
            assertThatThrownBy(() -> reader.readManifest("b2")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThatThrownBy(() -> io.arca.archive.manifest.ManifestFormat.fromJson(
                "{\"formatVersion\":3,\"entries\":[]}".getBytes()))
                .isInstanceOf(UnsupportedManifestVersionException.class).hasMessageContaining("formatVersion 3");
    }

    @Test
    void aManifestReplacedAfterItsDigestWasRecordedIsRefusedThoughItDecodes() {
        String key1 = RepositoryLayout.manifestKey("t1", "b1");
        String recorded = ManifestFormat.sha256(store.get(key1));
        // well-formed, encrypted with the right key and context, only its contents differ: decoding cannot tell
        Manifest rewritten = new Manifest(manifest.formatVersion(), manifest.toolVersion(), "t1", "b1",
                manifest.createdAt().plusSeconds(1), manifest.source(), manifest.options(), manifest.entries());
        store.put(key1, ManifestFormat.encode(rewritten, key));
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key))) {
            assertThat(reader.readManifest("b1")).isEqualTo(rewritten);
            assertThatThrownBy(() -> reader.readManifest("b1", recorded)).isInstanceOf(ManifestMismatchException.class)
                    .hasMessageContaining(recorded).hasMessageContaining(ManifestFormat.sha256(store.get(key1)));
            assertThat(reader.readManifest("b1", ManifestFormat.sha256(store.get(key1)))).isEqualTo(rewritten);
        }
    }

    @Test
    void hashMismatchOfAnUnencryptedChunkNamesTheChunk() throws Exception {
        InMemoryObjectStore plainStore = new InMemoryObjectStore();
        Manifest m;
        try (ArchiveWriter w = ArchiveWriter.builder(plainStore, "t1", "p").index(new InMemoryChunkIndex())
                .options(WriterOptions.defaults().withChunking(SMALL)
                        .withCompression(io.arca.archive.format.Compression.NONE)).open()) {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(data));
            m = w.finish();
        }
        ChunkRef ref = m.entry("e").orElseThrow().chunks().get(1);
        byte[] stored = plainStore.get(RepositoryLayout.chunkKey("t1", ref.name()));
        stored[stored.length - 1] ^= 1;
        plainStore.put(RepositoryLayout.chunkKey("t1", ref.name()), stored);
        try (BackupReader reader = new BackupReader(plainStore, "t1", KeyRing.none())) {
            assertThatThrownBy(() -> reader.readChunk(ref)).isInstanceOf(HashMismatchException.class)
                    .hasMessageContaining(ref.name());
        }
    }

    @Test
    void storedObjectsAreCopiedAsTheyAreOnlyAfterTheirChecks() throws Exception {
        ChunkRef ref = manifest.entry("e").orElseThrow().chunks().get(1);
        String chunkKey = RepositoryLayout.chunkKey("t1", ref.name());
        String manifestKey = RepositoryLayout.manifestKey("t1", "b1");
        try (BackupReader reader = new BackupReader(store, "t1", KeyRing.of(key))) {
            assertThat(reader.fetchStoredChunk(ref).join()).isEqualTo(store.get(chunkKey));
            assertThat(reader.readStoredManifest(manifest)).isEqualTo(store.get(manifestKey));

            byte[] tampered = store.get(chunkKey);
            tampered[tampered.length - 3] ^= 1;
            store.put(chunkKey, tampered);
            assertThatThrownBy(() -> reader.readStoredChunk(ref)).isInstanceOf(AuthenticationFailedException.class);
            store.put(chunkKey, Arrays.copyOf(tampered, tampered.length + 1));
            assertThatThrownBy(() -> reader.readStoredChunk(ref)).isInstanceOf(ChunkSizeMismatchException.class)
                    .hasMessageContaining("the manifest says " + ref.storedSize());

            Manifest other = new Manifest(manifest.formatVersion(), manifest.toolVersion(), "t1", "b1",
                    manifest.createdAt().plusSeconds(1), manifest.source(), manifest.options(), manifest.entries());
            assertThatThrownBy(() -> reader.readStoredManifest(other)).isInstanceOf(ManifestMismatchException.class);
        }
    }
}
