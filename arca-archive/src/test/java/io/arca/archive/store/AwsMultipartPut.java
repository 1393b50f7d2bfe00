package io.arca.archive.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A put of a stream of unknown length for {@link AwsS3ObjectStore}: one part of {@code partSize} in memory at a time.
 * A stream that ends within the first part is one plain PUT; a longer one is a multipart upload, aborted when the
 * stream or a request fails, so a failed put leaves no object (parts of an abandoned upload are not an object).
 */
final class AwsMultipartPut {
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final byte[] part;
    private final AwsS3Errors errors;

    AwsMultipartPut(S3Client client, String bucket, String key, long partSize, AwsS3Errors errors) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.part = new byte[Math.toIntExact(partSize)];
        this.errors = errors;
    }

    void run(InputStream data) {
        int filled = errors.call("put " + key, () -> data.readNBytes(part, 0, part.length));
        if (filled < part.length) {
            putWhole(filled);
            return;
        }
        String uploadId = errors.call("put " + key, () -> client.createMultipartUpload(b -> b.bucket(bucket)
                .key(key)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                parts.add(uploadPart(uploadId, parts.size() + 1, filled));
                filled = errors.call("put " + key, () -> data.readNBytes(part, 0, part.length));
            }
            errors.call("put " + key, () -> client.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (RuntimeException e) {
            abort(uploadId, e);
            throw e;
        }
    }

    private void putWhole(int length) {
        errors.call("put " + key, () -> client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) length),
                body(length)));
    }

    private CompletedPart uploadPart(String uploadId, int number, int length) {
        String etag = errors.call("put " + key + " (part " + number + ")", () -> client.uploadPart(b -> b
                .bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) length),
                body(length)).eTag());
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private RequestBody body(int length) {
        // the part buffer is refilled only after the request returned, so it is sent without a copy
        return RequestBody.fromContentProvider(ContentStreamProvider.fromInputStreamSupplier(
                () -> new ByteArrayInputStream(part, 0, length)), length, "application/octet-stream");
    }

    private void abort(String uploadId, RuntimeException cause) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
