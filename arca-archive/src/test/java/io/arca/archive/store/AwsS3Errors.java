package io.arca.archive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the AWS SDK's exceptions into {@link ObjectStoreException}s with the same meaning as {@link S3ObjectStore}'s:
 * a missing object is {@link ObjectNotFoundException}; 5xx, 429, throttling and network failures are transient.
 */
final class AwsS3Errors {
    static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    static final Set<String> TRANSIENT_CODES =
            Set.of("InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "RequestTimeTooSkewed");

    private final String bucket;

    AwsS3Errors(String bucket) {
        this.bucket = bucket;
    }

    @FunctionalInterface
    interface S3Call<T> {
        T run() throws IOException;
    }

    <T> T call(String what, S3Call<T> call) {
        try {
            return call.run();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            // a HEAD answers 404 without a body, so without a code; a missing bucket is 404 too, but not "not found"
            if (NOT_FOUND.contains(code) || (e.statusCode() == 404 && (code == null || code.isEmpty()
                    || "404".equals(code)))) {
                throw new ObjectNotFoundException(what.substring(what.indexOf(' ') + 1));
            }
            boolean transientFailure = e.statusCode() >= 500 || e.statusCode() == 429 || TRANSIENT_CODES.contains(code);
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + code + " " + message,
                    transientFailure, e);
        } catch (SdkClientException | IOException | UncheckedIOException e) {
            // no answer from the store (connection refused or reset, timeout) or the caller's stream failed
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + e, true, e);
        } catch (ObjectStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ObjectStoreException("S3 " + what + " in bucket " + bucket + " failed: " + e, false, e);
        }
    }
}
