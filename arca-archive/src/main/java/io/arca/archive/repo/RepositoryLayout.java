package io.arca.archive.repo;

/**
 * Object keys in the bucket (DESIGN §4):
 *
 * <pre>
 * tenants/{tenant}/chunks/{first two hex digits}/{name}
 * tenants/{tenant}/backups/{backupId}/manifest
 * tenants/{tenant}/keys/{keyId}                  wrapped data key (JSON), never the plain key
 * tenants/{tenant}/exports/{exportId}/{filename}  an export job's file (SQL, zip, tar), deleted when it expires
 * </pre>
 *
 * Tenant and backup ids are path segments: letters, digits, {@code -}, {@code _} and {@code .} only.
 */
public final class RepositoryLayout {
    public static final String MANIFEST_FILE = "manifest";

    private RepositoryLayout() {
    }

    public static String tenantPrefix(String tenant) {
        return "tenants/" + segment(tenant, "tenant") + "/";
    }

    public static String chunkKey(String tenant, String chunkName) {
        if (chunkName == null || !chunkName.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("chunk name must be 64 lower-case hex digits");
        }
        return tenantPrefix(tenant) + "chunks/" + chunkName.substring(0, 2) + "/" + chunkName;
    }

    public static String chunksPrefix(String tenant) {
        return tenantPrefix(tenant) + "chunks/";
    }

    public static String backupsPrefix(String tenant) {
        return tenantPrefix(tenant) + "backups/";
    }

    public static String manifestKey(String tenant, String backupId) {
        return backupsPrefix(tenant) + segment(backupId, "backup id") + "/" + MANIFEST_FILE;
    }

    public static String keysPrefix(String tenant) {
        return tenantPrefix(tenant) + "keys/";
    }

    public static String keyKey(String tenant, String keyId) {
        return keysPrefix(tenant) + segment(keyId, "key id");
    }

    /** Everything of one export: its file (a retried export job writes the same key again). */
    public static String exportPrefix(String tenant, String exportId) {
        return tenantPrefix(tenant) + "exports/" + segment(exportId, "export id") + "/";
    }

    public static String exportKey(String tenant, String exportId, String filename) {
        return exportPrefix(tenant, exportId) + segment(filename, "file name");
    }

    /** The backup id of a manifest key under {@link #backupsPrefix}, or null when the key is not a manifest. */
    public static String backupIdOfManifestKey(String tenant, String key) {
        String prefix = backupsPrefix(tenant);
        String suffix = "/" + MANIFEST_FILE;
        if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        String id = key.substring(prefix.length(), key.length() - suffix.length());
        return id.contains("/") ? null : id;
    }

    static String segment(String value, String what) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,128}") || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of [A-Za-z0-9._-]: " + value);
        }
        return value;
    }
}
