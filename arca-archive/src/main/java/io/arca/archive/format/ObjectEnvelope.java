package io.arca.archive.format;

import io.arca.archive.format.ObjectHeader.ObjectKind;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.KeyRing;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encodes a plaintext into a stored object ({@link ObjectHeader} + compressed, maybe encrypted payload) and back.
 * Encryption: AES-256-GCM under the data key's payload subkey, a fresh random 96-bit nonce per object, the
 * header bytes (nonce included) followed by a context string as associated data — a chunk's context is its
 * name, a manifest's is {@code manifest:<tenant>:<backupId>} — so an object copied under another name does not
 * decrypt. Thread-safe, stateless.
 */
public final class ObjectEnvelope {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_BITS = 128;

    private ObjectEnvelope() {
    }

    /** A decoded object: its header and plaintext. */
    public record Decoded(ObjectHeader header, byte[] plaintext) {
    }

    public static byte[] encode(ObjectKind kind, byte[] plaintext, int off, int len, Compression compression,
            DataKey keyOrNull, byte[] context) {
        if (compression.codec() != Codec.NONE && IncompressibleProbe.looksIncompressible(plaintext, off, len)) {
            compression = Compression.NONE;
        }
        ZstdWorkspace workspace = compression.codec() == Codec.ZSTD ? ZstdWorkspace.borrow() : null;
        try {
            Codecs.Payload payload = Codecs.compress(compression, plaintext, off, len, workspace);
            Codec codec = compression.codec();
            if (codec != Codec.NONE && payload.length() >= len) {
                // incompressible (already compressed or random data): store as is, reading it back costs nothing
                codec = Codec.NONE;
                payload = new Codecs.Payload(plaintext, off, len);
            }
            return seal(kind, codec, len, payload, keyOrNull, context);
        } finally {
            if (workspace != null) {
                workspace.giveBack();
            }
        }
    }

    /** Header + payload (encrypted when a key is given) in one exactly-sized array. */
    private static byte[] seal(ObjectKind kind, Codec codec, int plaintextLength, Codecs.Payload payload,
            DataKey keyOrNull, byte[] context) {
        if (keyOrNull == null) {
            ObjectHeader header = new ObjectHeader(kind, ObjectHeader.FORMAT_VERSION, codec, CipherId.NONE, 0,
                    plaintextLength, payload.length(), null);
            byte[] out = new byte[header.length() + payload.length()];
            header.writeTo(ByteBuffer.wrap(out));
            System.arraycopy(payload.bytes(), payload.offset(), out, header.length(), payload.length());
            return out;
        }
        byte[] nonce = new byte[ObjectHeader.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        ObjectHeader header = new ObjectHeader(kind, ObjectHeader.FORMAT_VERSION, codec, CipherId.AES_256_GCM,
                keyOrNull.keyIdNumber(), plaintextLength, payload.length() + TAG_BITS / 8, nonce);
        byte[] out = new byte[header.length() + header.payloadLength()];
        header.writeTo(ByteBuffer.wrap(out));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyOrNull.encryptionKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(out, 0, header.length());
            cipher.updateAAD(context);
            cipher.doFinal(payload.bytes(), payload.offset(), payload.length(), out, header.length());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        return out;
    }

    /** Reads only the header (checks magic, version, ids and length). */
    public static ObjectHeader header(ObjectKind kind, byte[] stored) {
        return ObjectHeader.read(stored, kind);
    }

    /**
     * Decodes and checks an object. Name/hash checks are the caller's (see {@link ChunkFormat}).
     *
     * @throws ObjectFormatException the precise subclass says why
     */
    public static Decoded decode(ObjectKind kind, byte[] stored, byte[] context, KeyRing keys) {
        ObjectHeader header = ObjectHeader.read(stored, kind);
        int payloadOff = header.length();
        byte[] payload = stored;
        int payloadLen = header.payloadLength();
        if (header.cipher() == CipherId.AES_256_GCM) {
            if (header.keyId() == 0) {
                throw new UnsupportedFormatException("encrypted object without a data key id");
            }
            DataKey key = keys.key(DataKey.KeyIds.format(header.keyId()));
            if (payloadLen < TAG_BITS / 8) {
                throw new TruncatedObjectException("encrypted payload is shorter than its tag");
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key.encryptionKey(), new GCMParameterSpec(TAG_BITS,
                        header.nonce()));
                cipher.updateAAD(stored, 0, header.length());
                cipher.updateAAD(context);
                payload = cipher.doFinal(stored, payloadOff, payloadLen);
            } catch (AEADBadTagException e) {
                throw new AuthenticationFailedException("AES-GCM tag does not verify (data key "
                        + key.keyId() + "): wrong key, object altered, or stored under another name");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable", e);
            }
            payloadOff = 0;
            payloadLen = payload.length;
        }
        byte[] plaintext = Codecs.decompress(header.codec(), payload, payloadOff, payloadLen,
                header.plaintextLength());
        return new Decoded(header, plaintext);
    }
}
