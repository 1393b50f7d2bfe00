package io.arca.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The associated data that binds each kind of sealed secret to where it is stored ({@link SecretSealer}). A value
 * sealed under one context does not open under another, so a sealed password copied into another source row, or a
 * wrapped data key copied to another tenant or key id, is refused. These strings are part of stored data: changing
 * one makes every value already sealed under it unreadable.
 */
public final class SealingContexts {
    private SealingContexts() {
    }

    /** {@code source-password:<sourceId>}: a source's password in {@code sources.password_sealed}. */
    public static byte[] sourcePassword(UUID sourceId) {
        return utf8("source-password:" + sourceId);
    }

    /**
     * {@code tenant-key:<tenant>:<keyId>}: a tenant's data key wrapped by the master key, in the catalog
     * ({@code tenant_keys.wrapped_key}) and in the bucket ({@code tenants/<tenant>/keys/<keyId>}).
     */
    public static byte[] tenantKey(String tenant, String keyId) {
        return utf8("tenant-key:" + tenant + ":" + keyId);
    }

    /** {@code webhook-secret:<channelId>}: a webhook channel's signing secret in {@code notification_channels}. */
    public static byte[] webhookSecret(UUID channelId) {
        return utf8("webhook-secret:" + channelId);
    }

    private static byte[] utf8(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
