package io.arca.archive.key;

import io.arca.common.crypto.SealingContexts;

/**
 * A data key sealed by the master key ({@link io.arca.common.crypto.SecretSealer}, associated data
 * {@link #associatedData(String, String)}). This is what the catalog ({@code tenant_keys.wrapped_key}) and the
 * bucket ({@code tenants/{tenant}/keys/{keyId}}) store; the plain key never leaves memory.
 */
public record WrappedDataKey(String tenant, String keyId, byte[] wrapped) {
    public WrappedDataKey {
        DataKey.KeyIds.requireValid(keyId);
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("tenant is required");
        }
        wrapped = wrapped.clone();
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    /** {@link SealingContexts#tenantKey}: the same binding in the catalog ({@code tenant_keys}) and the bucket. */
    public static byte[] associatedData(String tenant, String keyId) {
        return SealingContexts.tenantKey(tenant, keyId);
    }
}
