package io.arca.export.sql;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of the <code>\restrict</code> guards in a backup's SQL, fixed per backup so that every rendering (a
 * download resumed with a Range request, an export retried) writes the same bytes.
 *
 * <p>The guard exists against a malicious source server that writes psql meta-commands into object definitions;
 * it holds only while the dumped database cannot know the key. The key is SHA-256 over the backup's identity and
 * the SHA-256 of every entry, which includes the definitions themselves: to plant a matching
 * <code>&#92;unrestrict</code> the database would have to contain the hash of its own contents (a fixpoint of
 * SHA-256), which cannot be found. pg_restore's own keys are random per run, which would make every request a
 * different file.
 */
public final class RestrictKey {
    private RestrictKey() {
    }

    public static String of(Manifest manifest) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            update(sha256, "arca/v1/plain-sql-restrict-key");
            update(sha256, manifest.tenant());
            update(sha256, manifest.backupId());
            for (ManifestEntry e : manifest.entries()) {
                update(sha256, e.name() + ":" + e.sha256());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
