package io.arca.archive.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.archive.format.CorruptPayloadException;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.KeyRing;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.store.ObjectStore;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Wrapped data keys stored in the bucket at {@code tenants/{tenant}/keys/{keyId}}, so the repository is readable
 * with the bucket and the master key alone. Object content (JSON):
 * {@code {"formatVersion":1,"tenant":"…","keyId":"…","wrapping":"arca-secret-sealer-v1","wrappedKey":"<base64>"}}.
 */
public final class BucketKeys {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRAPPING = "arca-secret-sealer-v1";

    private final ObjectStore store;

    public BucketKeys(ObjectStore store) {
        this.store = store;
    }

    /** Stores (or replaces, after a master-key rotation) a wrapped key. */
    public void put(WrappedDataKey key) {
        ObjectNode node = JSON.createObjectNode().put("formatVersion", 1).put("tenant", key.tenant())
                .put("keyId", key.keyId()).put("wrapping", WRAPPING)
                .put("wrappedKey", Base64.getEncoder().encodeToString(key.wrapped()));
        try {
            store.put(RepositoryLayout.keyKey(key.tenant(), key.keyId()), JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the key unless an object for its id already exists. */
    public void putIfAbsent(WrappedDataKey key) {
        if (!store.exists(RepositoryLayout.keyKey(key.tenant(), key.keyId()))) {
            put(key);
        }
    }

    public Optional<WrappedDataKey> get(String tenant, String keyId) {
        String objectKey = RepositoryLayout.keyKey(tenant, keyId);
        if (!store.exists(objectKey)) {
            return Optional.empty();
        }
        return Optional.of(parse(tenant, keyId, store.get(objectKey)));
    }

    public List<WrappedDataKey> list(String tenant) {
        String prefix = RepositoryLayout.keysPrefix(tenant);
        return keyIds(tenant).stream().map(id -> parse(tenant, id, store.get(prefix + id))).toList();
    }

    /** The ids of the tenant's key objects, without reading them. */
    public List<String> keyIds(String tenant) {
        String prefix = RepositoryLayout.keysPrefix(tenant);
        try (Stream<io.arca.archive.store.ObjectInfo> infos = store.list(prefix)) {
            return infos.map(info -> info.key().substring(prefix.length())).filter(id -> !id.contains("/")).toList();
        }
    }

    /** What {@link #rewrap} found. */
    public enum Rewrap {
        /** Already wrapped under the current master key: nothing written. */
        CURRENT,
        /** Wrapped under a previous master key; re-wrapped and replaced (or would be, when not writing). */
        REWRAPPED,
        /** The object is gone (deleted since it was listed). */
        MISSING
    }

    /**
     * Re-wraps one key object under the current master key when only a previous one opens it (master key rotation).
     * Replacing the object is one put, so a crash leaves each key either old or new, both readable while the old key
     * is configured; running it again finds what is left.
     *
     * @param write false to only report what would be done
     * @throws KeyUnavailableException when no master key of the ring opens it
     * @throws CorruptPayloadException when the object is not a key object
     */
    public Rewrap rewrap(String tenant, String keyId, DataKeys master, boolean write) {
        Optional<WrappedDataKey> stored = get(tenant, keyId);
        if (stored.isEmpty()) {
            return Rewrap.MISSING;
        }
        Optional<WrappedDataKey> rewrapped = master.rewrapIfPrevious(stored.get());
        if (rewrapped.isEmpty()) {
            return Rewrap.CURRENT;
        }
        if (write) {
            put(rewrapped.get());
        }
        return Rewrap.REWRAPPED;
    }

    /** Re-wraps every key of the tenant under the current master key; returns how many needed it. */
    public int rewrapAll(String tenant, DataKeys master) {
        int rewrapped = 0;
        for (String keyId : keyIds(tenant)) {
            if (rewrap(tenant, keyId, master, true) == Rewrap.REWRAPPED) {
                rewrapped++;
            }
        }
        return rewrapped;
    }

    /** A key ring that loads and unwraps the tenant's keys from the bucket on first use. */
    public KeyRing keyRing(String tenant, DataKeys master) {
        Map<String, DataKey> cache = new ConcurrentHashMap<>();
        return keyId -> cache.computeIfAbsent(keyId, id -> master.unwrap(get(tenant, id).orElseThrow(() ->
                new KeyUnavailableException("data key " + id + " of tenant " + tenant + " is not in the bucket"))));
    }

    private static WrappedDataKey parse(String tenant, String keyId, byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node.path("formatVersion").asInt() != 1 || !WRAPPING.equals(node.path("wrapping").asText())) {
                throw new CorruptPayloadException("key object " + keyId + " has an unknown format");
            }
            return new WrappedDataKey(tenant, keyId, Base64.getDecoder().decode(node.path("wrappedKey").asText()));
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptPayloadException("key object " + keyId + " of tenant " + tenant + " is unreadable", e);
        }
    }
}
