package io.arca.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.TestData;
import io.arca.testing.InfraEnv;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against the real S3-compatible server named by {@code ARCA_S3_*} (S3Proxy locally, MinIO in
 * docker-compose). Skipped when it is not configured, failed when {@code ARCA_REQUIRE_INFRA=true}.
 */
class S3ObjectStoreTest extends ObjectStoreContract {
    static final String BUCKET = "arca-archive-contract";
    private static MinioClient client;
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        InfraEnv env = InfraEnv.require();
        client = MinioClient.builder().endpoint(env.s3Endpoint()).credentials(env.s3AccessKey(), env.s3SecretKey())
                .region(env.s3Region()).build();
        // S3's smallest parts, so the contract's large upload is a multipart upload of three parts
        store = new S3ObjectStore(client, BUCKET, S3ObjectStore.MIN_PART_SIZE);
        store.ensureBucket();
        store.ensureBucket(); // idempotent
    }

    @AfterAll
    static void close() {
        store = null;
        client = null;
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected long uploadPartSize() {
        return S3ObjectStore.MIN_PART_SIZE;
    }

    @Test
    void anUploadOfSeveralPartsIsAMultipartUpload() throws Exception {
        byte[] data = TestData.random(7, (int) (2 * S3ObjectStore.MIN_PART_SIZE + 1));
        try (ObjectUpload upload = store.openUpload(p + "multipart")) {
            upload.write(data);
            upload.complete();
        }
        // S3 names a multipart object's ETag "<md5 of the parts' md5s>-<parts>"
        String etag = client.statObject(StatObjectArgs.builder().bucket(BUCKET).object(p + "multipart").build())
                .etag();
        assertThat(etag).endsWith("-3");
    }
}
