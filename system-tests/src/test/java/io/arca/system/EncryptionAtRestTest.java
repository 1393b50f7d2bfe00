package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An encrypted backup leaves no plaintext in the bucket. Compression is off, so without encryption the dump text
 * would be stored as it is; the same scan on an unencrypted backup finds it (which proves the scan can see it).
 */
class EncryptionAtRestTest {
    /** Names from the sample database's schema (a trigger, a table): they appear in the pre- and post-data dump. */
    private static final List<String> MARKERS = List.of("book_audit", "CamelCase");
    private static final String NONE_ENCRYPTED = "\"compression\":{\"algorithm\":\"none\"},\"encrypt\":true";
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void encryptedUncompressedBackupStoresNoPlaintextButAPlainOneDoes() throws Exception {
        // a tenant of its own, so that the bucket prefix holds only this test's objects
        ArcaClient api = arca.client().createTenant("enc-" + arca.runId);
        String database = arca.sources.sample();
        UUID source = api.createSource(arca.env, database);

        JsonPath encrypted = api.backupAndAwait(source, NONE_ENCRYPTED, Duration.ofMinutes(4));
        String tenantPrefix = tenantPrefix(encrypted);
        List<String> found = objectsContainingMarkers(tenantPrefix);
        assertThat(found).as("objects of an encrypted backup holding plaintext").isEmpty();
        assertThat(arca.objectKeys(tenantPrefix)).hasSizeGreaterThan(1);

        JsonPath plain = api.backupAndAwait(source, ArcaClient.UNCOMPRESSED, Duration.ofMinutes(4));
        assertThat(tenantPrefix(plain)).isEqualTo(tenantPrefix);
        assertThat(objectsContainingMarkers(tenantPrefix)).as("the unencrypted, uncompressed backup is readable")
                .isNotEmpty();
        arca.sources.drop(database);
    }

    private static String tenantPrefix(JsonPath backup) {
        String manifestKey = backup.getString("result.manifestKey");
        return manifestKey.substring(0, manifestKey.indexOf("/backups/") + 1);
    }

    private static List<String> objectsContainingMarkers(String prefix) {
        List<String> found = new ArrayList<>();
        for (String key : arca.objectKeys(prefix)) {
            String content = new String(arca.object(key), StandardCharsets.ISO_8859_1);
            for (String marker : MARKERS) {
                if (content.contains(marker)) {
                    found.add(key + " contains " + marker);
                }
            }
        }
        return found;
    }
}
