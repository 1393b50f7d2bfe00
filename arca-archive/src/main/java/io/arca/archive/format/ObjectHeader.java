package io.arca.archive.format;

import java.nio.ByteBuffer;

/**
 * The fixed header in front of every stored chunk and manifest (big-endian):
 *
 * <pre>
 * offset size field
 *  0      4   magic: "ARCC" (chunk) or "ARCM" (manifest)
 *  4      1   format version (1)
 *  5      1   codec id ({@link Codec})
 *  6      1   cipher id ({@link CipherId})
 *  7      4   data key id (0 when not encrypted)
 * 11      4   plaintext length
 * 15      4   payload length (bytes after the header, GCM tag included)
 * 19     12   nonce (only when cipher = AES-256-GCM)
 * </pre>
 */
public record ObjectHeader(ObjectKind kind, int version, Codec codec, CipherId cipher, int keyId,
        int plaintextLength, int payloadLength, byte[] nonce) {

    public static final int FORMAT_VERSION = 1;
    public static final int FIXED_LENGTH = 19;
    public static final int NONCE_LENGTH = 12;

    /** What an object is, from its magic. */
    public enum ObjectKind {
        CHUNK(new byte[] {'A', 'R', 'C', 'C'}),
        MANIFEST(new byte[] {'A', 'R', 'C', 'M'});

        private final byte[] magic;

        ObjectKind(byte[] magic) {
            this.magic = magic;
        }

        byte[] magic() {
            return magic.clone();
        }
    }

    public int length() {
        return FIXED_LENGTH + (cipher == CipherId.AES_256_GCM ? NONCE_LENGTH : 0);
    }

    void writeTo(ByteBuffer out) {
        out.put(kind.magic).put((byte) version).put((byte) codec.id()).put((byte) cipher.id()).putInt(keyId)
                .putInt(plaintextLength).putInt(payloadLength);
        if (cipher == CipherId.AES_256_GCM) {
            out.put(nonce);
        }
    }

    /**
     * Parses and checks a header.
     *
     * @throws UnsupportedFormatException wrong magic, unknown version, codec or cipher
     * @throws TruncatedObjectException shorter than the header or than its payload length
     */
    static ObjectHeader read(byte[] stored, ObjectKind expected) {
        if (stored.length < 4) {
            throw new TruncatedObjectException(expected.name().toLowerCase() + " is truncated: " + stored.length
                    + " bytes, shorter than the magic");
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, expected.magic)) {
            throw new UnsupportedFormatException("not an Arca " + expected.name().toLowerCase()
                    + ": magic " + java.util.HexFormat.of().formatHex(magic));
        }
        if (stored.length < 5) {
            throw new TruncatedObjectException("object is truncated inside its header");
        }
        int version = in.get() & 0xff;
        if (version != FORMAT_VERSION) {
            throw new UnsupportedFormatException("unknown object format version " + version + " (this build reads "
                    + FORMAT_VERSION + ")");
        }
        if (stored.length < FIXED_LENGTH) {
            throw new TruncatedObjectException("object is truncated inside its header: " + stored.length
                    + " bytes");
        }
        int codecId = in.get() & 0xff;
        int cipherId = in.get() & 0xff;
        Codec codec = Codec.byId(codecId).orElseThrow(() ->
                new UnsupportedFormatException("unknown codec id " + codecId));
        CipherId cipher = CipherId.byId(cipherId).orElseThrow(() ->
                new UnsupportedFormatException("unknown cipher id " + cipherId));
        int keyId = in.getInt();
        int plaintextLength = in.getInt();
        int payloadLength = in.getInt();
        if (plaintextLength < 0 || payloadLength < 0) {
            throw new CorruptPayloadException("negative length in header");
        }
        byte[] nonce = null;
        if (cipher == CipherId.AES_256_GCM) {
            if (stored.length < FIXED_LENGTH + NONCE_LENGTH) {
                throw new TruncatedObjectException("object is truncated inside its nonce");
            }
            nonce = new byte[NONCE_LENGTH];
            in.get(nonce);
        }
        ObjectHeader header = new ObjectHeader(expected, version, codec, cipher, keyId, plaintextLength,
                payloadLength, nonce);
        long expectedLength = (long) header.length() + payloadLength;
        if (stored.length < expectedLength) {
            throw new TruncatedObjectException("object is truncated: " + stored.length + " bytes, header says "
                    + expectedLength);
        }
        if (stored.length > expectedLength) {
            throw new CorruptPayloadException("object has " + (stored.length - expectedLength)
                    + " bytes after its payload");
        }
        return header;
    }
}
