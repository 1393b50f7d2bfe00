package io.arca.archive.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ObjectStore} on any S3 API (MinIO, AWS S3, S3Proxy) through the AWS SDK v2 synchronous client over Apache
 * HttpClient 5: a pooled connection per upload in flight, the caller's array sent as it is (no copy into a growing
 * buffer). Test code: it passes the contract but did not measure better than the MinIO client 8.6 the services use
 * (docs/benchmarks.md, "S3 client"), so it stays here for bench/s3-client-benchmark.sh. No retries here: wrap it in
 * {@link RetryingObjectStore}. Streams of unknown length are multipart uploads of {@code partSize} parts
 * ({@link AwsMultipartPut}): one part in memory, aborted when the stream fails, so an aborted {@link ObjectUpload}
 * leaves no object.
 */
public final class AwsS3ObjectStore implements ObjectStore, AutoCloseable {
    /** Connections kept per client: the writer's uploads in flight plus the reader's read-ahead, with room. */
    public static final int MAX_CONNECTIONS = 64;
    /** S3's limit of keys per multi-object delete request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client client;
    private final String bucket;
    private final long partSize;
    private final AwsS3Errors errors;

    /** @param client an existing client; {@link #close} closes it */
    public AwsS3ObjectStore(S3Client client, String bucket, long partSize) {
        if (partSize < S3ObjectStore.MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at least " + S3ObjectStore.MIN_PART_SIZE + " bytes");
        }
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
        this.errors = new AwsS3Errors(bucket);
    }

    /** A client of its own. Always give the region (S3Proxy and MinIO accept us-east-1). */
    public static AwsS3ObjectStore create(String endpoint, String accessKey, String secretKey, String region,
            String bucket) {
        return new AwsS3ObjectStore(client(endpoint, accessKey, secretKey, region), bucket,
                S3ObjectStore.DEFAULT_PART_SIZE);
    }

    /**
     * A client for an S3-compatible endpoint: path-style addressing (MinIO and S3Proxy have no per-bucket host names),
     * no SDK retries (the {@link RetryingObjectStore} retries), checksums only where the operation requires one and
     * then the Content-MD5 that MinIO and S3Proxy check (the SDK's default CRC32 trailers are not understood by every
     * S3-compatible server).
     */
    public static S3Client client(String endpoint, String accessKey, String secretKey, String region) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                // over http the payload's SHA-256 is signed up front, as the MinIO client does; the default
                // aws-chunked encoding signs every 128 KiB and measured more CPU in the client (2.2-2.4 s against
                // 1.7-1.9 s per 256 MiB put)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS))
                .build();
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it does not exist. */
    public void ensureBucket() {
        errors.call("ensure bucket " + bucket, () -> {
            try {
                client.headBucket(b -> b.bucket(bucket));
            } catch (NoSuchBucketException e) {
                createBucket();
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                createBucket();
            }
            return null;
        });
    }

    private void createBucket() {
        try {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException
                | BucketAlreadyExistsException e) {
            // created meanwhile by another process
        }
    }

    @Override
    public void put(String key, byte[] data) {
        // the store may keep data (the interface says so): sent as it is, not copied
        errors.call("put " + key, () -> client.putObject(b -> b.bucket(bucket).key(key)
                        .contentLength((long) data.length),
                RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(data), data.length,
                        "application/octet-stream")));
    }

    @Override
    public void put(String key, InputStream data, long size) {
        if (size < 0) {
            new AwsMultipartPut(client, bucket, key, partSize, errors).run(data);
            return;
        }
        errors.call("put " + key, () -> client.putObject(b -> b.bucket(bucket).key(key).contentLength(size),
                RequestBody.fromContentProvider(ContentStreamProvider.fromInputStream(data), size,
                        "application/octet-stream")));
    }

    @Override
    public byte[] get(String key) {
        // read into one array of the announced length (the SDK's toBytes() grows and then copies a buffer)
        return errors.call("get " + key, () -> readAll(client.getObject(b -> b.bucket(bucket).key(key))));
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (length == 0) {
            return errors.call("get range of " + key, () -> {
                client.headObject(b -> b.bucket(bucket).key(key));
                return new byte[0];
            });
        }
        return errors.call("get range of " + key, () -> {
            try {
                return readAll(client.getObject(b -> b.bucket(bucket).key(key)
                        .range("bytes=" + offset + "-" + (offset + length - 1))));
            } catch (S3Exception e) {
                if (e.statusCode() == 416) { // InvalidRange: at or past the end
                    return new byte[0];
                }
                throw e;
            }
        });
    }

    private static byte[] readAll(ResponseInputStream<GetObjectResponse> in) throws IOException {
        try (in) {
            Long length = in.response().contentLength();
            if (length == null || length > Integer.MAX_VALUE - 8) {
                return in.readAllBytes();
            }
            byte[] data = in.readNBytes(length.intValue());
            if (data.length != length) {
                throw new IOException("object ended after " + data.length + " of " + length + " bytes");
            }
            return data;
        }
    }

    @Override
    public InputStream openStream(String key) {
        return errors.call("open " + key, () -> client.getObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            HeadObjectResponse head = errors.call("head " + key, () -> client.headObject(b -> b.bucket(bucket)
                    .key(key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        Iterator<S3Object> objects = errors.call("list " + prefix, () -> client.listObjectsV2Paginator(b -> b
                .bucket(bucket).prefix(prefix)).contents().iterator());
        Iterator<ObjectInfo> infos = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return errors.call("list " + prefix, objects::hasNext);
            }

            @Override
            public ObjectInfo next() {
                S3Object o = errors.call("list " + prefix, objects::next);
                Instant modified = o.lastModified(); // some servers omit it in listings: informational only
                return new ObjectInfo(o.key(), o.size() == null ? 0 : o.size(), modified);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(infos, Spliterator.ORDERED), false);
    }

    /** The "directories" right under {@code prefix}, each ending in {@code /} (see {@link S3ObjectStore}). */
    public List<String> childPrefixes(String prefix) {
        return errors.call("list " + prefix, () -> client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)
                .delimiter("/")).commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    }

    @Override
    public void delete(String key) {
        errors.call("delete " + key, () -> client.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /** Multi-object delete, {@value #DELETE_BATCH} keys per request; a key not found is not an error. */
    @Override
    public void deleteAll(Collection<String> keys) {
        List<ObjectIdentifier> batch = new ArrayList<>(Math.min(keys.size(), DELETE_BATCH));
        for (String key : keys) {
            batch.add(ObjectIdentifier.builder().key(key).build());
            if (batch.size() == DELETE_BATCH) {
                deleteBatch(batch);
                batch = new ArrayList<>(DELETE_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) {
        String what = "delete of " + batch.size() + " objects";
        DeleteObjectsResponse response = errors.call(what, () -> client.deleteObjects(b -> b.bucket(bucket)
                .delete(Delete.builder().objects(batch).quiet(true).build())));
        List<S3Error> failed = response.errors().stream()
                .filter(e -> !AwsS3Errors.NOT_FOUND.contains(e.code())).toList();
        if (!failed.isEmpty()) {
            S3Error first = failed.get(0);
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + ": " + failed.size()
                    + " failed, e.g. " + first.key() + ": " + first.code() + " " + first.message(),
                    AwsS3Errors.TRANSIENT_CODES.contains(first.code()), null);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
