package io.arca.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys a deployment holds: the current one, which seals everything new, and previous ones, which still
 * open (and verify) what they sealed but never seal. This is how a master key is rotated without a stop: every
 * service first gets the new key as current and the old one as previous, then every sealed value is re-sealed under
 * the current key ({@link #resealIfPrevious}), then the old key is removed from the configuration.
 *
 * <p>Keys are named in logs and reports by a fingerprint (8 bytes of HMAC-SHA-256 under the key of a fixed label), so
 * an operator can see that all services hold the same keys without any key material being printed.
 */
public final class MasterKeyRing {
    /** The configuration keys, named in error messages so the operator knows which setting is wrong. */
    public static final String CURRENT_KEY_SETTING = "arca.security.master-key";
    public static final String PREVIOUS_KEYS_SETTING = "arca.security.previous-master-keys";
    private static final byte[] FINGERPRINT_LABEL = "arca master key fingerprint v1".getBytes(StandardCharsets.UTF_8);

    private final SecretSealer current;
    private final List<SecretSealer> previous;
    private final String currentFingerprint;
    private final List<String> previousFingerprints;

    private MasterKeyRing(SecretSealer current, List<SecretSealer> previous) {
        this.current = current;
        this.currentFingerprint = fingerprint(current);
        // a previous key equal to the current one (left in the list during roll-out) or listed twice is dropped
        Map<String, SecretSealer> distinct = new LinkedHashMap<>();
        for (SecretSealer p : previous) {
            String fp = fingerprint(p);
            if (!fp.equals(currentFingerprint)) {
                distinct.putIfAbsent(fp, p);
            }
        }
        this.previous = List.copyOf(distinct.values());
        this.previousFingerprints = List.copyOf(distinct.keySet());
    }

    /** A ring of one key: nothing to rotate from. */
    public static MasterKeyRing of(SecretSealer current) {
        return new MasterKeyRing(current, List.of());
    }

    public static MasterKeyRing of(SecretSealer current, List<SecretSealer> previous) {
        return new MasterKeyRing(current, previous);
    }

    /**
     * From configuration: base64 of 32 bytes each.
     *
     * @throws IllegalArgumentException naming the setting (and the list position) that is not a valid key
     */
    public static MasterKeyRing fromBase64(String current, List<String> previous) {
        if (current == null || current.isBlank()) {
            throw new IllegalArgumentException(CURRENT_KEY_SETTING + " is not set");
        }
        SecretSealer currentSealer;
        try {
            currentSealer = SecretSealer.fromBase64(current);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CURRENT_KEY_SETTING + ": " + e.getMessage());
        }
        List<SecretSealer> previousSealers = new ArrayList<>();
        for (int i = 0; i < previous.size(); i++) {
            if (previous.get(i) == null || previous.get(i).isBlank()) {
                continue;
            }
            try {
                previousSealers.add(SecretSealer.fromBase64(previous.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREVIOUS_KEYS_SETTING + "[" + i + "]: " + e.getMessage());
            }
        }
        return new MasterKeyRing(currentSealer, previousSealers);
    }

    /** Seals under the current key, always. */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return current.seal(plaintext, associatedData);
    }

    /**
     * Opens under whichever key of the ring sealed the value.
     *
     * @throws SecretUnsealException when the value is malformed, or no key of the ring opens it (the message says it
     *                               was sealed under a master key this deployment no longer has, or altered)
     */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        return openReporting(sealed, associatedData).plaintext();
    }

    /** What {@link #open} opened, and whether it took a previous key (the value then needs re-sealing). */
    public record Opened(byte[] plaintext, boolean underPreviousKey) {
    }

    /** Like {@link #open}, saying which kind of key opened the value. */
    public Opened openReporting(byte[] sealed, byte[] associatedData) {
        try {
            return new Opened(current.open(sealed, associatedData), false);
        } catch (SecretUnsealException notCurrent) {
            SecretSealer.requireWellFormed(sealed); // shape problems no key can fix are reported as they are
        }
        for (SecretSealer p : previous) {
            try {
                return new Opened(p.open(sealed, associatedData), true);
            } catch (SecretUnsealException notThisOne) {
                // try the next previous key
            }
        }
        throw new SecretUnsealException("sealed under a master key this deployment no longer has (neither the "
                + "current key " + currentFingerprint + " nor " + (previous.isEmpty() ? "any previous key (none in "
                + PREVIOUS_KEYS_SETTING + ")" : "the previous keys " + previousFingerprints + " open it")
                + "), or the stored value was altered; configure the key it was sealed under in "
                + PREVIOUS_KEYS_SETTING);
    }

    /**
     * The value sealed again under the current key when only a previous key opens it; empty when the current key
     * already does (nothing to write: this is what makes a re-wrap safe to run again).
     *
     * @throws SecretUnsealException as {@link #open}
     */
    public Optional<byte[]> resealIfPrevious(byte[] sealed, byte[] associatedData) {
        Opened opened = openReporting(sealed, associatedData);
        return opened.underPreviousKey() ? Optional.of(current.seal(opened.plaintext(), associatedData))
                : Optional.empty();
    }

    /** HMAC-SHA-256 of {@code label} under each key, current first: keys derived for verifying, not only signing. */
    public List<byte[]> deriveAll(String label) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        List<byte[]> derived = new ArrayList<>(1 + previous.size());
        derived.add(current.derive(l));
        previous.forEach(p -> derived.add(p.derive(l)));
        return derived;
    }

    public String currentFingerprint() {
        return currentFingerprint;
    }

    public List<String> previousFingerprints() {
        return previousFingerprints;
    }

    private static String fingerprint(SecretSealer sealer) {
        return HexFormat.of().formatHex(sealer.derive(FINGERPRINT_LABEL), 0, 8);
    }
}
