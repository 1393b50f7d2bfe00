package io.arca.archive.key;

import io.arca.archive.format.KeyUnavailableException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the data key an object names in its header. Implementations must be thread-safe. */
@FunctionalInterface
public interface KeyRing {
    /** @throws KeyUnavailableException when the key is not known */
    DataKey key(String keyId);

    /** For unencrypted repositories: every lookup fails. */
    static KeyRing none() {
        return keyId -> {
            throw new KeyUnavailableException("object is encrypted with data key " + keyId
                    + " but no data keys are configured");
        };
    }

    static KeyRing of(DataKey... keys) {
        Map<String, DataKey> byId = Stream.of(keys).collect(Collectors.toUnmodifiableMap(DataKey::keyId,
                Function.identity()));
        return keyId -> {
            DataKey key = byId.get(keyId);
            if (key == null) {
                throw new KeyUnavailableException("data key " + keyId + " is not in the key ring");
            }
            return key;
        };
    }
}
