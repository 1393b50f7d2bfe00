package io.arca.archive.format;

import java.util.Optional;

/** Payload ciphers and their ids in the object header. Ids are part of the format and never reused. */
public enum CipherId {
    NONE(0, "none"),
    /** AES-256-GCM, fresh random 96-bit nonce per object, 128-bit tag, header + context as associated data. */
    AES_256_GCM(1, "aes-256-gcm");

    private final int id;
    private final String label;

    CipherId(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<CipherId> byId(int id) {
        for (CipherId c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
