package io.arca.archive.store;

import io.arca.testing.InfraEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the real S3-compatible server named by {@code ARCA_S3_*} (S3Proxy locally, MinIO in
 * docker-compose). Skipped when it is not configured, failed when {@code ARCA_REQUIRE_INFRA=true}.
 */
class S3ObjectStoreTest extends ObjectStoreContract {
    static final String BUCKET = "arca-archive-contract";
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        InfraEnv env = InfraEnv.require();
        store = S3ObjectStore.create(env.s3Endpoint(), env.s3AccessKey(), env.s3SecretKey(), env.s3Region(), BUCKET);
        store.ensureBucket();
        store.ensureBucket(); // idempotent
    }

    @AfterAll
    static void close() {
        store = null;
    }

    @Override
    protected ObjectStore store() {
        return store;
    }
}
