package io.arca.worker.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.pg.DumpEntry;
import java.util.List;

/**
 * The preview a dry run completes with ({@code restores.preview}): the engine's preview (what would be applied, what
 * the target holds) with two more parts only the job can tell: {@code bucket} ({@link BucketFacts}) and
 * {@code estimate} ({@link RestoreEstimate}).
 */
final class DryRunPreview {
    private DryRunPreview() {
    }

    /** Plaintext bytes of the entries the restore applies: what it will feed the target (bytes_restored). */
    static long bytesToLoad(Manifest manifest, List<DumpEntry> entries) {
        long bytes = 0;
        for (DumpEntry e : entries) {
            bytes += manifest.entry(e.name()).map(ManifestEntry::size).orElse(0L);
        }
        return bytes;
    }

    static ObjectNode json(ObjectMapper json, Object enginePreview, BucketFacts bucket, RestoreEstimate estimate) {
        ObjectNode preview = json.valueToTree(enginePreview);
        ObjectNode b = preview.putObject("bucket");
        b.put("bytesToFetch", bucket.bytesToFetch());
        b.put("chunksToRead", bucket.chunksToRead());
        b.put("chunksMissing", bucket.chunksMissing());
        b.put("allChunksPresent", bucket.allChunksPresent());
        if (!bucket.allChunksPresent()) {
            b.put("problem", bucket.chunksMissing() + " of the " + bucket.chunksToRead() + " chunks the restore "
                    + "would read are missing from the bucket: the restore would fail; verify the backup");
            b.putPOJO("missingChunks", bucket.missingExamples());
        }
        ObjectNode e = preview.putObject("estimate");
        e.put("durationMs", estimate.durationMs());
        e.put("bytesPerSecond", estimate.bytesPerSecond());
        e.put("basis", estimate.basis());
        return preview;
    }
}
