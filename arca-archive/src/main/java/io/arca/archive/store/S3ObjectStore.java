package io.arca.archive.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link ObjectStore} on any S3 API (MinIO, AWS S3, S3Proxy) through the MinIO Java client. No retries here:
 * wrap it in {@link RetryingObjectStore}. Streams of unknown length ({@link #openUpload}, {@code put} with size -1)
 * are multipart uploads the client runs: it reads one part into memory at a time and aborts the upload when the
 * stream fails, so an aborted {@link ObjectUpload} leaves no object. (The client runs a multipart upload on the common
 * fork-join pool, or on a thread of its own where that pool has one thread, and blocks it for the whole upload.)
 */
public final class S3ObjectStore implements ObjectStore {
    /**
     * Default part size for streams of unknown length ({@link #openUpload}, {@code put} with size -1): the client
     * holds one part in memory; 16 MiB parts allow objects up to 160 GB (S3's limit is 10,000 parts).
     */
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_SIZE = 5L << 20;
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    private static final Set<String> TRANSIENT_CODES =
            Set.of("InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "RequestTimeTooSkewed");

    private final MinioClient client;
    private final String bucket;
    private final long partSize;

    /** @param client an existing client (e.g. injected by quarkus-minio); this store does not close it */
    public S3ObjectStore(MinioClient client, String bucket) {
        this(client, bucket, DEFAULT_PART_SIZE);
    }

    /** @param partSize part size of streams of unknown length, at least {@link #MIN_PART_SIZE} */
    public S3ObjectStore(MinioClient client, String bucket, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at least " + MIN_PART_SIZE + " bytes");
        }
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /** A client of its own, for plain-Java use. Always give the region (S3Proxy and MinIO accept us-east-1). */
    public static S3ObjectStore create(String endpoint, String accessKey, String secretKey, String region,
            String bucket) {
        return create(endpoint, accessKey, secretKey, region, bucket, DEFAULT_PART_SIZE);
    }

    /** {@link #create(String, String, String, String, String)} with another part size for streams. */
    public static S3ObjectStore create(String endpoint, String accessKey, String secretKey, String region,
            String bucket, long partSize) {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region(region == null || region.isBlank() ? "us-east-1" : region).build();
        return new S3ObjectStore(client, bucket, partSize);
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it does not exist. */
    public void ensureBucket() {
        call("ensure bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    String code = e.errorResponse().code();
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void put(String key, byte[] data) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(data), data.length, -1).build()));
    }

    @Override
    public void put(String key, InputStream data, long size) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(data, size, size < 0 ? partSize : -1).build()));
    }

    @Override
    public byte[] get(String key) {
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        return call("get range of " + key, () -> {
            if (length == 0) {
                stat(key);
                return new byte[0];
            }
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .offset(offset).length((long) length).build())) {
                return in.readAllBytes();
            } catch (ErrorResponseException e) {
                if ("InvalidRange".equals(e.errorResponse().code())) {
                    return new byte[0];
                }
                throw e;
            }
        });
    }

    @Override
    public InputStream openStream(String key) {
        return call("open " + key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                .build()));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            StatObjectResponse stat = call("head " + key, () -> stat(key));
            Instant modified = stat.lastModified() == null ? null : stat.lastModified().toInstant();
            return Optional.of(new ObjectInfo(key, stat.size(), modified));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    private StatObjectResponse stat(String key) throws Exception {
        return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        Iterator<Result<Item>> results = client.listObjects(ListObjectsArgs.builder().bucket(bucket)
                .prefix(prefix).recursive(true).build()).iterator();
        Iterator<ObjectInfo> infos = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return call("list " + prefix, results::hasNext);
            }

            @Override
            public ObjectInfo next() {
                Item item = call("list " + prefix, () -> results.next().get());
                Instant modified = null;
                try {
                    modified = item.lastModified() == null ? null : item.lastModified().toInstant();
                } catch (RuntimeException e) {
                    // some servers omit LastModified in listings; it is informational only
                }
                return new ObjectInfo(item.objectName(), item.size(), modified);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(infos, Spliterator.ORDERED), false);
    }

    /**
     * The "directories" right under {@code prefix} (a listing with delimiter {@code /}), each ending in {@code /}:
     * {@code childPrefixes("tenants/")} names the tenants without listing their chunks.
     */
    public List<String> childPrefixes(String prefix) {
        List<String> prefixes = new ArrayList<>();
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .delimiter("/").recursive(false).build())) {
            Item item = call("list " + prefix, result::get);
            if (item.isDir()) {
                prefixes.add(item.objectName());
            }
        }
        return prefixes;
    }

    @Override
    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** S3's limit of keys per multi-object delete request. */
    static final int DELETE_BATCH = 1000;

    /**
     * Multi-object delete (S3 {@code DeleteObjects}), {@value #DELETE_BATCH} keys per request. The client sends a
     * request while the results are iterated; a key the server reports as not found is not an error, any other
     * per-key error fails the call (naming the first key and how many failed).
     */
    @Override
    public void deleteAll(Collection<String> keys) {
        List<DeleteObject> batch = new ArrayList<>(Math.min(keys.size(), DELETE_BATCH));
        for (String key : keys) {
            batch.add(new DeleteObject(key));
            if (batch.size() == DELETE_BATCH) {
                removeObjects(batch);
                batch = new ArrayList<>(DELETE_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            removeObjects(batch);
        }
    }

    private void removeObjects(List<DeleteObject> batch) {
        String what = "delete of " + batch.size() + " objects";
        call(what, () -> {
            int failed = 0;
            DeleteError first = null;
            for (Result<DeleteError> result : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
                    .objects(batch).build())) {
                DeleteError error = result.get();
                if (!NOT_FOUND.contains(error.code())) {
                    failed++;
                    first = first == null ? error : first;
                }
            }
            if (first != null) {
                throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + ": " + failed
                        + " failed, e.g. " + first.objectName() + ": " + first.code() + " " + first.message(),
                        TRANSIENT_CODES.contains(first.code()), null);
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, S3Call<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (NOT_FOUND.contains(code)) {
                throw new ObjectNotFoundException(what.substring(what.indexOf(' ') + 1));
            }
            int status = e.response() == null ? 0 : e.response().code();
            boolean transientFailure = status >= 500 || status == 429 || TRANSIENT_CODES.contains(code);
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + code + " "
                    + e.errorResponse().message(), transientFailure, e);
        } catch (ServerException | IOException e) {
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + e, true, e);
        } catch (ObjectStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException) {
                throw new ObjectStoreException("S3 " + what + " failed: " + e.getCause(), true, e);
            }
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + e, false, e);
        } catch (Exception e) {
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + e, false, e);
        }
    }
}
