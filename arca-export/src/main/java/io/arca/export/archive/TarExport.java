package io.arca.export.archive;

import io.arca.archive.ArchiveException;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.key.DataKey;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.export.BackupContent;
import io.arca.export.ExportCompression;
import io.arca.export.ExportFormat;
import io.arca.export.ExportRequest;
import io.arca.export.RenderedExport;
import io.arca.export.stream.Compressors;
import io.arca.export.stream.RenderOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code archive} format: one POSIX tar of the backup's objects exactly as they are in the bucket, under the
 * bucket's own keys, so that an offline reader pointed at the extracted directory finds what it finds in the bucket
 * (docs/archive-format.md, "The archive download"):
 *
 * <pre>
 * tenants/{tenant}/keys/{keyId}                  the data key, wrapped by the master key (encrypted backups)
 * tenants/{tenant}/chunks/{aa}/{name}            every chunk the manifest lists, each once, in manifest order
 * tenants/{tenant}/backups/{backupId}/manifest   last, as in the bucket: a tar cut short holds no backup
 * </pre>
 *
 * The length is known in advance (headers plus padded sizes: chunk sizes from the manifest, the others from a HEAD),
 * so ranges skip whole objects. Every chunk is fetched and checked (decrypted, hashed) before a byte of it is
 * written, and an object whose size differs from the announced one fails the transfer.
 */
public final class TarExport implements RenderedExport {
    private final BackupContent content;
    private final TarLayout layout;

    private TarExport(BackupContent content, TarLayout layout) {
        this.content = content;
        this.layout = layout;
    }

    public static TarExport prepare(BackupContent content) {
        Manifest manifest = content.manifest();
        String tenant = manifest.tenant();
        Instant mtime = manifest.createdAt();
        List<TarLayout.Item> items = new ArrayList<>();
        String keyId = manifest.options().keyId();
        if (keyId != null) {
            String key = RepositoryLayout.keyKey(tenant, keyId);
            ObjectInfo info = content.store().head(key).orElseThrow(() -> new KeyUnavailableException("data key "
                    + keyId + " of tenant " + tenant + " is not in the bucket, so an archive of backup "
                    + manifest.backupId() + " could never be read"));
            items.add(TarLayout.Item.object(key, info.size(), mtime));
        }
        Map<String, ChunkRef> chunks = new LinkedHashMap<>();
        for (ManifestEntry e : manifest.entries()) {
            e.chunks().forEach(c -> chunks.putIfAbsent(c.name(), c));
        }
        chunks.values().forEach(c -> items.add(TarLayout.Item.chunk(RepositoryLayout.chunkKey(tenant, c.name()), c,
                mtime)));
        String manifestKey = RepositoryLayout.manifestKey(tenant, manifest.backupId());
        ObjectInfo info = content.store().head(manifestKey).orElseThrow(() -> new ObjectNotFoundException(manifestKey));
        items.add(TarLayout.Item.object(manifestKey, info.size(), mtime));
        return new TarExport(content, new TarLayout(items));
    }

    @Override
    public String contentType() {
        return "application/x-tar";
    }

    @Override
    public String fileSuffix() {
        return ExportRequest.suffixOf(ExportFormat.ARCHIVE, ExportCompression.NONE);
    }

    @Override
    public OptionalLong length() {
        return OptionalLong.of(layout.length());
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeRange(out, 0, layout.length() - 1);
    }

    @Override
    public void writeRange(OutputStream out, long first, long last) throws IOException {
        if (first < 0 || last < first || last >= layout.length()) {
            throw new IllegalArgumentException("range " + first + "-" + last + " is outside the archive's "
                    + layout.length() + " bytes");
        }
        RenderOutput target = Compressors.open(out, ExportCompression.NONE);
        try (TarObjects objects = new TarObjects(content, layout, layout.indexAt(first))) {
            layout.write(target.stream(), first, last, objects::bytes);
            target.finish();
        } finally {
            target.abandon();
        }
    }

    /** Refuses a chunk encrypted with another key than the backup's: the tar carries only that one. */
    static void checkKey(ChunkRef ref, byte[] stored, String keyId) {
        int cipher = stored.length > 10 ? stored[6] : 0;
        if (cipher == 0) {
            return;
        }
        int id = ((stored[7] & 0xff) << 24) | ((stored[8] & 0xff) << 16) | ((stored[9] & 0xff) << 8)
                | (stored[10] & 0xff);
        if (!DataKey.KeyIds.format(id).equals(keyId)) {
            throw new ArchiveException("chunk " + ref.name() + " is encrypted with data key "
                    + DataKey.KeyIds.format(id) + ", not with the backup's " + keyId + " that the archive carries");
        }
    }

    static byte[] sized(String key, byte[] bytes, long expected) {
        if (bytes.length != expected) {
            throw new ArchiveException("object " + key + " is " + bytes.length + " bytes now, but " + expected
                    + " were announced in the archive's length");
        }
        return bytes;
    }
}
