package io.arca.storage;

import io.arca.archive.store.ObjectStoreException;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Presigned GET URLs for objects of the bucket: anyone holding the URL downloads the object until it expires, with
 * no Arca credentials (the signature covers bucket, key, expiry and host). Signing is local (SigV4 with the
 * configured region), no request to the store. The URL names {@code arca.storage.public-endpoint} when set, else the
 * endpoint the services use ({@code quarkus.minio.host}).
 */
@ApplicationScoped
public class PresignedUrls {
    /** SigV4 presigned URLs are valid for at most 7 days. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final MinioClient client;
    private final StorageConfig config;

    @Inject
    public PresignedUrls(MinioClient client, StorageConfig config,
            @ConfigProperty(name = "quarkus.minio.access-key") String accessKey,
            @ConfigProperty(name = "quarkus.minio.secret-key") String secretKey,
            @ConfigProperty(name = "quarkus.minio.region", defaultValue = "us-east-1") String region) {
        this(config.publicEndpoint().map(endpoint -> signer(endpoint, accessKey, secretKey, region)).orElse(client),
                config);
    }

    /** Signs with {@code client}'s endpoint and credentials. */
    public PresignedUrls(MinioClient client, StorageConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * A client only for signing, for the public endpoint: with the region given it never contacts the store (it
     * would otherwise ask the endpoint for the bucket's region, which from inside may be unreachable).
     */
    static MinioClient signer(String endpoint, String accessKey, String secretKey, String region) {
        return MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).region(region).build();
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
