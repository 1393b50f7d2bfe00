package io.arca.archive.key;

import io.arca.archive.format.KeyUnavailableException;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SecretSealer;
import io.arca.common.crypto.SecretUnsealException;
import java.util.Optional;

/**
 * Creates, wraps and unwraps tenant data keys under the master key ring: new keys are wrapped under the current
 * master key, and a key wrapped under a previous one still unwraps. Rotating the master key re-wraps every stored
 * key ({@link #rewrapIfPrevious}): chunks and manifests are not touched.
 */
public final class DataKeys {
    private final MasterKeyRing master;

    public DataKeys(MasterKeyRing master) {
        this.master = master;
    }

    /** One master key, nothing to rotate from. */
    public DataKeys(SecretSealer master) {
        this(MasterKeyRing.of(master));
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

    /**
     * @throws KeyUnavailableException when no master key of the ring opens it (wrapped under a key this deployment no
     *                                 longer has), or the wrapped key was altered or moved
     */
    public DataKey unwrap(WrappedDataKey wrapped) {
        try {
            byte[] material = master.open(wrapped.wrapped(),
                    WrappedDataKey.associatedData(wrapped.tenant(), wrapped.keyId()));
            return new DataKey(wrapped.keyId(), material);
        } catch (SecretUnsealException e) {
            throw unavailable(wrapped, e);
        }
    }

    /**
     * The same data key wrapped under the current master key when only a previous one unwraps it; empty when the
     * current key already does.
     *
     * @throws KeyUnavailableException as {@link #unwrap}
     */
    public Optional<WrappedDataKey> rewrapIfPrevious(WrappedDataKey wrapped) {
        try {
            return master.resealIfPrevious(wrapped.wrapped(),
                    WrappedDataKey.associatedData(wrapped.tenant(), wrapped.keyId()))
                    .map(sealed -> new WrappedDataKey(wrapped.tenant(), wrapped.keyId(), sealed));
        } catch (SecretUnsealException e) {
            throw unavailable(wrapped, e);
        }
    }

    /** Re-wraps a key sealed by {@code this} under {@code newMaster}'s current key. */
    public WrappedDataKey rewrap(WrappedDataKey wrapped, DataKeys newMaster) {
        return newMaster.wrap(wrapped.tenant(), unwrap(wrapped));
    }

    private static KeyUnavailableException unavailable(WrappedDataKey wrapped, SecretUnsealException e) {
        return new KeyUnavailableException("data key " + wrapped.keyId() + " of tenant " + wrapped.tenant()
                + " does not unwrap: " + e.getMessage());
    }
}
