package io.arca.api.masterkey;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the master key endpoints answer: counts and ids, never a secret or key material. */
public final class MasterKeyDtos {
    private MasterKeyDtos() {
    }

    /**
     * @param current       values the current master key opens (nothing to do)
     * @param onPreviousKey values only a previous key opens: retiring that key now would make them unreadable
     * @param rewrapped     values this call re-sealed under the current key (0 in a status)
     * @param unreadable    values no configured key opens (sealed under a key this deployment no longer has, or
     *                      damaged)
     */
    public record KindCounts(
            @Schema(description = "source-password, tenant-key, tenant-key-object (the bucket's copy), "
                    + "webhook-secret or webhook-previous-secret") String kind,
            long current, long onPreviousKey, long rewrapped, long unreadable) {
    }

    /** @param id the row or object: a source or channel id, {@code tenantId/keyId} for data keys */
    public record UnreadableValue(String kind, String id, String reason) {
    }

    /**
     * @param currentKey        the current master key's fingerprint (every service logs its own at start-up)
     * @param previousKeys      fingerprints of arca.security.previous-master-keys
     * @param onPreviousKeys    values that still need a previous key; 0 means the previous keys can be retired
     * @param rewrapped         values this call re-sealed (0 in a status)
     * @param unreadable        values no configured key opens
     * @param unreadableValues  the first of them (at most 100)
     * @param previousKeysRetirable true when no value needs a previous key
     */
    public record MasterKeyReport(String currentKey, List<String> previousKeys, List<KindCounts> kinds,
            long onPreviousKeys, long rewrapped, long unreadable, List<UnreadableValue> unreadableValues,
            boolean previousKeysRetirable) {
    }
}
