package io.arca.archive.store;

import java.io.OutputStream;

/**
 * An object written as a stream of unknown length ({@link ObjectStore#openUpload}): what is written goes to the store
 * while it is written (in S3 a multipart upload), and the object exists only once {@link #complete} returned. Any
 * other end ({@link #abort}, or {@link #close} without complete) leaves no object behind: a half-written export is
 * never mistaken for a whole one. Not thread-safe, except {@link #abort}, which another thread may call to stop a
 * writer (a cancelled job).
 */
public abstract class ObjectUpload extends OutputStream {

    /**
     * Writes what is buffered and waits until the store holds the whole object.
     *
     * @throws ObjectStoreException when the store did not take it (the object then does not exist)
     */
    public abstract void complete();

    /**
     * Abandons the upload without waiting: later writes fail, the store discards what it received (an S3 multipart
     * upload is aborted). Idempotent; does nothing after {@link #complete}.
     */
    public abstract void abort();

    /** After {@link #complete}: nothing. Otherwise aborts, and waits (bounded) until the store let go of the upload. */
    @Override
    public abstract void close();
}
