package io.arca.archive.format;

import io.arca.archive.format.ObjectHeader.ObjectKind;
import io.arca.archive.key.ChunkNamer;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.KeyRing;
import java.nio.charset.StandardCharsets;

/**
 * Chunks: an {@link ObjectEnvelope} whose context is the chunk name, and whose plaintext must hash to that name
 * (SHA-256 when unencrypted, HMAC-SHA-256 under the key's naming subkey when encrypted).
 */
public final class ChunkFormat {
    private ChunkFormat() {
    }

    public static byte[] encode(String name, byte[] plaintext, Compression compression, DataKey keyOrNull) {
        return encode(name, plaintext, plaintext.length, compression, keyOrNull);
    }

    /** Encodes {@code plaintext[0, length)}. */
    public static byte[] encode(String name, byte[] plaintext, int length, Compression compression,
            DataKey keyOrNull) {
        return ObjectEnvelope.encode(ObjectKind.CHUNK, plaintext, 0, length, compression, keyOrNull,
                name.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decodes a chunk and checks that its plaintext hashes to {@code name}.
     *
     * @throws ObjectFormatException the precise subclass says why
     */
    public static byte[] decode(String name, byte[] stored, KeyRing keys) {
        ObjectEnvelope.Decoded decoded = ObjectEnvelope.decode(ObjectKind.CHUNK, stored,
                name.getBytes(StandardCharsets.US_ASCII), keys);
        ObjectHeader header = decoded.header();
        ChunkNamer namer = header.cipher() == CipherId.NONE ? ChunkNamer.sha256()
                : ChunkNamer.hmac(keys.key(DataKey.KeyIds.format(header.keyId())));
        String actual = namer.name(decoded.plaintext());
        if (!actual.equals(name)) {
            throw new HashMismatchException("chunk plaintext hashes to " + actual + " (" + namer.scheme()
                    + "), not to its name " + name);
        }
        return decoded.plaintext();
    }
}
