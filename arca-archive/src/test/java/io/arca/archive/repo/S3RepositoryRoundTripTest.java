package io.arca.archive.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.TestData;
import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.archive.store.S3ObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import io.arca.common.crypto.SecretSealer;
import io.arca.testing.InfraEnv;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An encrypted backup written to and read back from the real S3-compatible server, with only bucket + master key. */
class S3RepositoryRoundTripTest {

    @Test
    void writesReadsAndVerifiesThroughRealS3() throws Exception {
        InfraEnv env = InfraEnv.require();
        S3ObjectStore s3 = S3ObjectStore.create(env.s3Endpoint(), env.s3AccessKey(), env.s3SecretKey(),
                env.s3Region(), "arca-archive-roundtrip");
        s3.ensureBucket();
        ObjectStore store = new RetryingObjectStore(s3);
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        DataKeys master = new DataKeys(new SecretSealer(k));
        String tenant = "t-" + UUID.randomUUID();
        WrappedDataKey wrapped = master.generate(tenant);
        byte[] data = TestData.text(1, 3_000_000);
        try (ArchiveWriter w = ArchiveWriter.builder(store, tenant, "b1").index(new InMemoryChunkIndex())
                .encryption(master.unwrap(wrapped), wrapped)
                .options(WriterOptions.defaults().withChunking(new ChunkerConfig(64 << 10, 256 << 10, 1 << 20)))
                .open()) {
            w.writeEntry(new EntrySpec("data/16390", "table-data", "public", "rental", null),
                    new ByteArrayInputStream(data));
            w.finish();
        }
        try (ArchiveRepository repo = ArchiveRepository.open(store, tenant, master)) {
            assertThat(repo.listBackupIds()).containsExactly("b1");
            Manifest m = repo.readManifest("b1");
            try (InputStream in = repo.reader().openEntry(m.entries().get(0), 1_000_000)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1_000_000, data.length));
            }
            assertThat(repo.verifier().verify(m).ok()).isTrue();
        }
    }
}
