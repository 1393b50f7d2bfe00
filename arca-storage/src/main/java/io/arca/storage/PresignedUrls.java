package io.arca.storage;

import io.arca.archive.store.ObjectStoreException;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Presigned GET URLs for objects of the bucket: anyone holding the URL downloads the object until it expires, with
 * no Arca credentials (the signature covers bucket, key and expiry). Signing is local (SigV4 with the configured
 * region), no request to the store. The URL names the endpoint the services use ({@code quarkus.minio.host}), so it
 * works for clients that reach the store at that address.
 */
@ApplicationScoped
public class PresignedUrls {
    /** SigV4 presigned URLs are valid for at most 7 days. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final MinioClient client;
    private final StorageConfig config;

    public PresignedUrls(MinioClient client, StorageConfig config) {
        this.client = client;
        this.config = config;
    }

    /** A URL that GETs {@code key} for {@code expiry} (1 s to 7 days). */
    public String get(String key, Duration expiry) {
        if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("expiry must be between 1 s and 7 days: " + expiry);
        }
        try {
            return client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET)
                    .bucket(config.bucket()).object(key).expiry((int) expiry.toSeconds(), TimeUnit.SECONDS).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot presign " + key + ": " + e.getMessage(), false, e);
        }
    }
}
