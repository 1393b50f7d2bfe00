package io.arca.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Object storage, under {@code arca.storage.} (endpoint and credentials are {@code quarkus.minio.*}). */
@ConfigMapping(prefix = "arca.storage")
public interface StorageConfig {

    /** Bucket that holds chunks and manifests; created at start-up when absent. */
    String bucket();

    /** Attempts per object-store operation (the first included) before the job fails; transient errors only. */
    @WithDefault("5")
    int retryAttempts();

    /** Milliseconds before the first retry of an object-store operation; doubles per attempt up to 10 s. */
    @WithDefault("500")
    long retryInitialBackoffMillis();

    /**
     * The store's address as clients outside the deployment reach it, e.g. {@code https://s3.example.com}: presigned
     * export URLs name it (their signature covers the host). Unset: the address the services use
     * ({@code quarkus.minio.host}), which inside Docker or Kubernetes is often not reachable from outside.
     */
    Optional<String> publicEndpoint();
}
