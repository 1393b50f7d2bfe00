package io.arca.archive.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.TestData;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.SourceInfo;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SecretSealer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the bucket and the master key alone (catalog lost), a tenant's backups can be listed, read and verified. */
class SelfDescribingRepositoryTest {
    final InMemoryObjectStore bucket = new InMemoryObjectStore();

    static DataKeys randomMaster() {
        return new DataKeys(randomSealer());
    }

    static SecretSealer randomSealer() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new SecretSealer(k);
    }

    @Test
    void backupsAreListedReadAndVerifiedFromTheBucketAndMasterKeyAlone() throws Exception {
        DataKeys master = randomMaster();
        byte[] film = TestData.text(1, 250_000);
        byte[] schema = TestData.text(2, 5_000);
        // the "catalog": an index and the wrapped key, both thrown away after writing
        InMemoryChunkIndex catalogIndex = new InMemoryChunkIndex();
        WrappedDataKey wrapped = master.generate("acme");
        for (String backupId : new String[] {"2026-01-01", "2026-01-02"}) {
            try (ArchiveWriter w = ArchiveWriter.builder(bucket, "acme", backupId).index(catalogIndex)
                    .encryption(master.unwrap(wrapped), wrapped)
                    .source(new SourceInfo("postgresql://db:5432/shop", "15.18", Instant.parse("2026-01-01T00:00:00Z"),
                            Map.of("database", "shop")))
                    .options(WriterOptions.defaults().withChunking(new ChunkerConfig(1024, 4096, 16384))
                            .withRequestedOptions(Map.of("mode", "full")))
                    .open()) {
                w.writeEntry(EntrySpec.of("pre-data", "pre-data"), new ByteArrayInputStream(schema));
                w.writeEntry(new EntrySpec("data/16385", "table-data", "public", "film", 1000L),
                        new ByteArrayInputStream(film));
                w.finish();
            }
        }
        // an unrelated, abandoned backup (chunks but no manifest) and another tenant are not listed
        bucket.put("tenants/acme/backups/abandoned/partial", new byte[1]);
        bucket.put(RepositoryLayout.manifestKey("other", "x"), new byte[1]);
        catalogIndex.clear();

        try (ArchiveRepository repo = ArchiveRepository.open(bucket, "acme", master)) {
            assertThat(repo.listBackupIds()).containsExactly("2026-01-01", "2026-01-02");
            Manifest m = repo.readManifest("2026-01-02");
            assertThat(m.options().encrypted()).isTrue();
            assertThat(m.options().chunkNaming()).isEqualTo("hmac-sha256");
            assertThat(m.source().description()).isEqualTo("postgresql://db:5432/shop");
            assertThat(m.options().requested()).containsEntry("mode", "full");
            assertThat(m.entry("data/16385").orElseThrow().rowCount()).isEqualTo(1000L);
            try (InputStream in = repo.reader().openEntry(m, "data/16385")) {
                assertThat(in.readAllBytes()).isEqualTo(film);
            }
            assertThat(repo.verifier().verify("2026-01-01").ok()).isTrue();
        }

        // without the master key the repository does not open
        try (ArchiveRepository wrong = ArchiveRepository.open(bucket, "acme", randomMaster())) {
            assertThatThrownBy(() -> wrong.readManifest("2026-01-01")).isInstanceOf(KeyUnavailableException.class);
        }
    }

    @Test
    void rotatingTheMasterKeyRewrapsDataKeysWithoutTouchingChunks() throws Exception {
        SecretSealer oldSealer = randomSealer();
        SecretSealer newSealer = randomSealer();
        DataKeys oldMaster = new DataKeys(oldSealer);
        WrappedDataKey wrapped = oldMaster.generate("acme");
        byte[] data = TestData.random(3, 100_000);
        try (ArchiveWriter w = ArchiveWriter.builder(bucket, "acme", "b1").index(new InMemoryChunkIndex())
                .encryption(oldMaster.unwrap(wrapped), wrapped).open()) {
            w.writeEntry(EntrySpec.of("e", "test"), new ByteArrayInputStream(data));
            w.finish();
        }
        Map<String, byte[]> chunksBefore = new java.util.HashMap<>();
        bucket.list(RepositoryLayout.chunksPrefix("acme")).forEach(o -> chunksBefore.put(o.key(), bucket.get(o.key())));

        // during the rotation: the new key is current, the old one still opens
        DataKeys rotating = new DataKeys(MasterKeyRing.of(newSealer, List.of(oldSealer)));
        assertThat(new BucketKeys(bucket).rewrapAll("acme", rotating)).isEqualTo(1);
        assertThat(new BucketKeys(bucket).rewrapAll("acme", rotating)).as("a second run finds nothing").isZero();
        DataKeys newMaster = new DataKeys(newSealer);

        bucket.list(RepositoryLayout.chunksPrefix("acme"))
                .forEach(o -> assertThat(bucket.get(o.key())).isEqualTo(chunksBefore.get(o.key())));
        try (ArchiveRepository repo = ArchiveRepository.open(bucket, "acme", newMaster);
                InputStream in = repo.reader().openEntry(repo.readManifest("b1"), "e")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (ArchiveRepository stale = ArchiveRepository.open(bucket, "acme", oldMaster)) {
            assertThatThrownBy(() -> stale.readManifest("b1")).isInstanceOf(KeyUnavailableException.class);
        }
    }

    @Test
    void theBucketNeverHoldsAPlainDataKey() {
        DataKeys master = randomMaster();
        WrappedDataKey wrapped = master.generate("acme");
        new BucketKeys(bucket).put(wrapped);
        String stored = new String(bucket.get(RepositoryLayout.keyKey("acme", wrapped.keyId())));
        assertThat(stored).contains("\"wrapping\":\"arca-secret-sealer-v1\"").contains(wrapped.keyId());
        assertThat(new BucketKeys(bucket).list("acme")).singleElement()
                .satisfies(k -> assertThat(k.wrapped()).isEqualTo(wrapped.wrapped()));
    }
}
