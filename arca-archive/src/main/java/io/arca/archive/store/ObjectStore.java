package io.arca.archive.store;

import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The few operations Arca needs from object storage. Keys are {@code /}-separated paths without a leading
 * slash. Implementations are thread-safe. Every failure is an {@link ObjectStoreException}; a missing object is
 * its subclass {@link ObjectNotFoundException}; {@link ObjectStoreException#isTransient()} tells
 * {@link RetryingObjectStore} what is worth retrying.
 */
public interface ObjectStore {

    /** Stores (or replaces) an object. The store may keep {@code data}: do not modify it after the call. */
    void put(String key, byte[] data);

    /**
     * Stores an object from a stream (multipart for large ones in S3). {@code size} may be -1 when unknown.
     * The stream is read to its end, not closed.
     */
    void put(String key, InputStream data, long size);

    /**
     * Opens an object for writing as a stream of unknown length (an export rendered on the fly): the bytes go to the
     * store while they are written ({@link #put(String, InputStream, long)} with size -1: in S3 a multipart upload of
     * bounded memory), and the object exists once {@link ObjectUpload#complete} returned; closed without complete, or
     * aborted, it is discarded. Close it in every case.
     */
    default ObjectUpload openUpload(String key) {
        return new PipedUpload(this, key);
    }

    /** @throws ObjectNotFoundException when absent */
    byte[] get(String key);

    /**
     * Up to {@code length} bytes from {@code offset}; fewer when the object ends first, empty at or past its end.
     *
     * @throws ObjectNotFoundException when absent
     */
    byte[] getRange(String key, long offset, int length);

    /** A stream of the whole object; the caller closes it. @throws ObjectNotFoundException when absent */
    InputStream openStream(String key);

    /** Size and time of an object, empty when absent. */
    Optional<ObjectInfo> head(String key);

    default boolean exists(String key) {
        return head(key).isPresent();
    }

    /**
     * Objects whose key starts with {@code prefix}, in key order, fetched lazily page by page (a listing of
     * millions of chunks does not sit in memory). Close the stream when not consumed to its end.
     */
    Stream<ObjectInfo> list(String prefix);

    /** Deletes an object; deleting an absent object is not an error. */
    void delete(String key);

    /**
     * Deletes every object named (absent ones are not an error): garbage collection and backup deletion remove
     * thousands at a time. An S3 store sends one multi-object delete per 1,000 keys; this default deletes one by one.
     * On failure some of the objects may already be gone, so callers must treat a repeat as normal.
     */
    default void deleteAll(Collection<String> keys) {
        keys.forEach(this::delete);
    }
}
