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
        try (Stream<io.arca.archive.store.ObjectInfo> infos = store.list(prefix)) {
            return infos.map(info -> info.key().substring(prefix.length()))
                    .filter(id -> !id.contains("/"))
                    .map(id -> parse(tenant, id, store.get(prefix + id)))
                    .toList();
        }
    }

    /** Re-wraps every key of the tenant under a new master key; chunks and manifests are not touched. */
    public int rewrapAll(String tenant, DataKeys oldMaster, DataKeys newMaster) {
        List<WrappedDataKey> keys = list(tenant);
        for (WrappedDataKey key : keys) {
            put(oldMaster.rewrap(key, newMaster));
        }
        return keys.size();
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
