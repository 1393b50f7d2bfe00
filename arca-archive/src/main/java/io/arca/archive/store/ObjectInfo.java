package io.arca.archive.store;

import java.time.Instant;

/** An object's key, size in bytes and last-modified time (may be null when the store does not say). */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
