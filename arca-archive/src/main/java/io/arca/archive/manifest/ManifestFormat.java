package io.arca.archive.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.arca.archive.format.Compression;
import io.arca.archive.format.CorruptPayloadException;
import io.arca.archive.format.ObjectEnvelope;
import io.arca.archive.format.ObjectHeader.ObjectKind;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Manifest JSON and its stored form: the JSON, zstd-compressed (level 3), encrypted under the backup's data key
 * when the backup is, in an {@link ObjectEnvelope} of kind MANIFEST with context {@code manifest:<tenant>:<backupId>}.
 * Unknown JSON fields are ignored (additions within a version stay readable); an unknown {@code formatVersion} is
 * refused, and so is a version that does not match the entries (segments in version 1, none in version 2).
 */
public final class ManifestFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestFormat() {
    }

    public static byte[] toJson(Manifest manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("manifest does not serialize", e);
        }
    }

    /** @throws UnsupportedManifestVersionException when {@code formatVersion} is missing or unknown */
    public static Manifest fromJson(byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new CorruptPayloadException("manifest is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode version = tree == null ? null : tree.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new UnsupportedManifestVersionException("manifest has no formatVersion");
        }
        if (version.intValue() < Manifest.FORMAT_VERSION || version.intValue() > Manifest.SEGMENTED_FORMAT_VERSION) {
            throw new UnsupportedManifestVersionException("unknown manifest formatVersion " + version.intValue()
                    + " (this build reads " + Manifest.FORMAT_VERSION + " to " + Manifest.SEGMENTED_FORMAT_VERSION
                    + ")");
        }
        Manifest manifest;
        try {
            manifest = JSON.treeToValue(tree, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptPayloadException("manifest does not match format version " + version.intValue() + ": "
                    + e.getMessage(), e);
        }
        if (Manifest.formatVersionFor(manifest.entries()) != manifest.formatVersion()) {
            throw new CorruptPayloadException("manifest says formatVersion " + manifest.formatVersion() + " but "
                    + (manifest.formatVersion() == Manifest.FORMAT_VERSION ? "has" : "has no")
                    + " segmented entries");
        }
        for (ManifestEntry e : manifest.entries()) {
            if (e.segmented() && !EntryHash.ofSegments(e.segments()).equals(e.sha256())) {
                throw new CorruptPayloadException("manifest entry " + e.name() + " has a hash that is not its "
                        + "segments' hash");
            }
        }
        return manifest;
    }

    public static byte[] encode(Manifest manifest, DataKey keyOrNull) {
        byte[] json = toJson(manifest);
        return ObjectEnvelope.encode(ObjectKind.MANIFEST, json, 0, json.length, Compression.DEFAULT, keyOrNull,
                context(manifest.tenant(), manifest.backupId()));
    }

    /**
     * Decodes a stored manifest and checks it belongs to {@code tenant}/{@code backupId}.
     *
     * @throws io.arca.archive.format.ObjectFormatException the precise subclass says why
     */
    public static Manifest decode(byte[] stored, String tenant, String backupId, KeyRing keys) {
        byte[] json = ObjectEnvelope.decode(ObjectKind.MANIFEST, stored, context(tenant, backupId), keys).plaintext();
        Manifest manifest = fromJson(json);
        if (!tenant.equals(manifest.tenant()) || !backupId.equals(manifest.backupId())) {
            throw new CorruptPayloadException("manifest at " + tenant + "/" + backupId + " describes "
                    + manifest.tenant() + "/" + manifest.backupId());
        }
        return manifest;
    }

    /**
     * Lower-case hex SHA-256 of a stored manifest object (the whole envelope, header included): what a service
     * records when the backup completes, and what {@link io.arca.archive.read.BackupReader#readManifest(String,
     * String)} checks before it trusts the object.
     */
    public static String sha256(byte[] stored) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] context(String tenant, String backupId) {
        return ("manifest:" + tenant + ":" + backupId).getBytes(StandardCharsets.UTF_8);
    }
}
