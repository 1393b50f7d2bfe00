package io.arca.api.masterkey;

import io.arca.common.crypto.SealingContexts;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A catalog column that holds values sealed under the master key, with how to page through its rows and the
 * associated data each value was sealed with ({@link SealingContexts}). Adding a sealed column to the catalog means
 * adding it here, or a master key rotation leaves it behind (and the status would not show it).
 *
 * @param kind       the name reports use
 * @param keyColumns the primary key, paged in order
 * @param firstKey   a value below every key (paging starts after it)
 * @param context    the associated data, from the key values
 */
record SealedColumn(String kind, String table, List<String> keyColumns, Object[] firstKey, String sealedColumn,
        Function<Object[], byte[]> context) {

    /** PostgreSQL orders uuids by their bytes, unsigned: all zeros comes first. */
    private static final UUID LOWEST = new UUID(0L, 0L);

    /** Every sealed column of the catalog (the bucket's key objects are {@link BucketKeySweep}'s). */
    static final List<SealedColumn> ALL = List.of(
            new SealedColumn("source-password", "sources", List.of("id"), new Object[] {LOWEST}, "password_sealed",
                    key -> SealingContexts.sourcePassword((UUID) key[0])),
            new SealedColumn("tenant-key", "tenant_keys", List.of("tenant_id", "key_id"), new Object[] {LOWEST, ""},
                    "wrapped_key", key -> SealingContexts.tenantKey(key[0].toString(), (String) key[1])),
            new SealedColumn("webhook-secret", "notification_channels", List.of("id"), new Object[] {LOWEST},
                    "secret_sealed", key -> SealingContexts.webhookSecret((UUID) key[0])),
            // the secret a webhook secret rotation replaced, still signing during its overlap: same context
            new SealedColumn("webhook-previous-secret", "notification_channels", List.of("id"), new Object[] {LOWEST},
                    "previous_secret_sealed", key -> SealingContexts.webhookSecret((UUID) key[0])));

    String keys() {
        return String.join(", ", keyColumns);
    }

    String placeholders() {
        return String.join(", ", keyColumns.stream().map(c -> "?").toList());
    }

    /** The next page of rows after {@code after}, in key order. */
    String selectPage() {
        return "select " + keys() + ", " + sealedColumn + " from " + table + " where " + sealedColumn
                + " is not null and (" + keys() + ") > (" + placeholders() + ") order by " + keys() + " limit ?";
    }

    /** Replaces the value only if it is still the one read: a concurrent change wins and is looked at again. */
    String compareAndSet() {
        return "update " + table + " set " + sealedColumn + " = ? where "
                + String.join(" and ", keyColumns.stream().map(c -> c + " = ?").toList()) + " and " + sealedColumn
                + " = ?";
    }

    String selectOne() {
        return "select " + sealedColumn + " from " + table + " where "
                + String.join(" and ", keyColumns.stream().map(c -> c + " = ?").toList());
    }

    static String describe(Object[] key) {
        return String.join("/", java.util.Arrays.stream(key).map(String::valueOf).toList());
    }
}
