package io.arca.archive.key;

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

    /** {@code "tenant-key:<tenant>:<keyId>"}, the same binding the catalog uses for {@code tenant_keys}. */
    public static byte[] associatedData(String tenant, String keyId) {
        return ("tenant-key:" + tenant + ":" + keyId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
