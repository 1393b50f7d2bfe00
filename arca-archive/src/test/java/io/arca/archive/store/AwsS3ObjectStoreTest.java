package io.arca.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.TestData;
import io.arca.testing.InfraEnv;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract for the AWS SDK v2 store against the real S3-compatible server named by {@code ARCA_S3_*}, the same
 * one {@link S3ObjectStoreTest} uses; objects one client wrote, the other reads (both must keep reading what the
 * other wrote while either may run). Skipped when not configured, failed when {@code ARCA_REQUIRE_INFRA=true}.
 */
class AwsS3ObjectStoreTest extends ObjectStoreContract {
    private static AwsS3ObjectStore store;
    private static S3ObjectStore minio;

    @BeforeAll
    static void connect() {
        InfraEnv env = InfraEnv.require();
        // S3's smallest parts, so the contract's large upload is a multipart upload of three parts
        store = new AwsS3ObjectStore(AwsS3ObjectStore.client(env.s3Endpoint(), env.s3AccessKey(), env.s3SecretKey(),
                env.s3Region()), S3ObjectStoreTest.BUCKET, S3ObjectStore.MIN_PART_SIZE);
        store.ensureBucket();
        store.ensureBucket(); // idempotent
        minio = S3ObjectStore.create(env.s3Endpoint(), env.s3AccessKey(), env.s3SecretKey(), env.s3Region(),
                S3ObjectStoreTest.BUCKET);
    }

    @AfterAll
    static void close() {
        store.close();
        store = null;
        minio = null;
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
    void whatOneClientWritesTheOtherReads() {
        byte[] chunk = TestData.random(8, 1 << 20);
        store.put(p + "by-aws", chunk);
        minio.put(p + "by-minio", chunk);
        assertThat(minio.get(p + "by-aws")).isEqualTo(chunk);
        assertThat(store.get(p + "by-minio")).isEqualTo(chunk);
        assertThat(store.getRange(p + "by-minio", 1000, 10)).isEqualTo(java.util.Arrays.copyOfRange(chunk, 1000, 1010));
    }

    @Test
    void childPrefixesNameTheDirectoriesUnderAPrefix() {
        for (String k : List.of("t1/chunks/a", "t1/manifests/b", "t2/x", "top")) {
            store.put(p + k, new byte[] {1});
        }
        assertThat(store.childPrefixes(p)).containsExactly(p + "t1/", p + "t2/");
        assertThat(store.childPrefixes(p)).isEqualTo(minio.childPrefixes(p));
    }

    @Test
    void aWrongSecretIsAClearNonTransientFailure() {
        InfraEnv env = InfraEnv.require();
        try (AwsS3ObjectStore wrong = AwsS3ObjectStore.create(env.s3Endpoint(), env.s3AccessKey(), "not-the-secret",
                env.s3Region(), S3ObjectStoreTest.BUCKET)) {
            // 403 SignatureDoesNotMatch: retrying cannot help
            assertThatThrownBy(() -> wrong.put(p + "denied", new byte[] {1}))
                    .isInstanceOfSatisfying(ObjectStoreException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e).hasMessageContaining("put " + p + "denied").hasMessageContaining("bucket");
                    });
        }
        assertThat(store.exists(p + "denied")).isFalse();
    }

    @Test
    void aStoreThatDoesNotAnswerIsATransientFailure() {
        InfraEnv env = InfraEnv.require();
        // port 9 (discard) on this host: nothing listens, the connection is refused
        try (AwsS3ObjectStore down = AwsS3ObjectStore.create("http://127.0.0.1:9", env.s3AccessKey(),
                env.s3SecretKey(), env.s3Region(), S3ObjectStoreTest.BUCKET)) {
            assertThatThrownBy(() -> down.get(p + "x"))
                    .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.isTransient()).isTrue());
        }
    }
}
