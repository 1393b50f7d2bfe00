package io.arca.archive.key;

import io.arca.common.crypto.SecretSealer;
import io.arca.common.crypto.SecretUnsealException;
import io.arca.archive.format.KeyUnavailableException;

/**
 * Creates, wraps and unwraps tenant data keys under one master key. Rotating the master key is
 * {@code newMaster.wrap(tenant, oldMaster.unwrap(w))} for every wrapped key: chunks are not touched.
 */
public final class DataKeys {
    private final SecretSealer master;

    public DataKeys(SecretSealer master) {
        this.master = master;
    }

    /** @param base64MasterKey 32 bytes, base64 ({@code openssl rand -base64 32}) */
    public static DataKeys fromBase64(String base64MasterKey) {
        return new DataKeys(SecretSealer.fromBase64(base64MasterKey));
    }

    /** A new random data key for the tenant, wrapped. Unwrap it to use it. */
    public WrappedDataKey generate(String tenant) {
        return wrap(tenant, DataKey.generate());
    }

    public WrappedDataKey wrap(String tenant, DataKey key) {
        byte[] sealed = master.seal(key.material(), WrappedDataKey.associatedData(tenant, key.keyId()));
        return new WrappedDataKey(tenant, key.keyId(), sealed);
    }

    /** @throws KeyUnavailableException when the master key is wrong or the wrapped key was altered or moved */
    public DataKey unwrap(WrappedDataKey wrapped) {
        try {
            byte[] material = master.open(wrapped.wrapped(),
                    WrappedDataKey.associatedData(wrapped.tenant(), wrapped.keyId()));
            return new DataKey(wrapped.keyId(), material);
        } catch (SecretUnsealException e) {
            throw new KeyUnavailableException("data key " + wrapped.keyId() + " of tenant " + wrapped.tenant()
                    + " does not unwrap: " + e.getMessage());
        }
    }

    /** Re-wraps a key sealed by {@code this} under {@code newMaster} (master key rotation). */
    public WrappedDataKey rewrap(WrappedDataKey wrapped, DataKeys newMaster) {
        return newMaster.wrap(wrapped.tenant(), unwrap(wrapped));
    }
}
