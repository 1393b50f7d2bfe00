package io.arca.archive.write;

import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.format.Compression;
import java.util.Map;

/**
 * Tuning of a {@link ArchiveWriter}.
 *
 * @param compression codec and level of chunk payloads (zstd 3 by default)
 * @param chunking content-defined chunking sizes (256 KiB / 1 MiB / 4 MiB by default)
 * @param compressionThreads threads that name, compress and encrypt chunks (default: available processors)
 * @param uploadsInFlight concurrent uploads (default 4)
 * @param memoryBudgetBytes bytes of chunk plaintext shared by all entries, each chunk holding its length from the
 *     moment it is cut until it is hashed and encoded; writers block while it is spent. Default 4 x max chunk size
 *     (16 MiB: about 16 average chunks in flight). Beyond it, memory holds at most one encoded chunk per
 *     compression thread and per upload in flight, and one max-size buffer per open entry: with the defaults
 *     (4 MiB chunks, 2 threads, 4 uploads) at most about 16 + 24 + 4 MiB per open entry, whatever the input size.
 * @param requestedOptions the backup's requested options, recorded in the manifest as they are
 */
public record WriterOptions(Compression compression, ChunkerConfig chunking, int compressionThreads,
        int uploadsInFlight, long memoryBudgetBytes, Map<String, String> requestedOptions) {

    public WriterOptions {
        if (compressionThreads < 1 || uploadsInFlight < 1) {
            throw new IllegalArgumentException("compressionThreads and uploadsInFlight must be at least 1");
        }
        if (memoryBudgetBytes < 2L * chunking.maxSize()) {
            throw new IllegalArgumentException("memory budget must hold at least 2 x max chunk size ("
                    + 2L * chunking.maxSize() + " bytes)");
        }
        requestedOptions = requestedOptions == null ? Map.of() : Map.copyOf(requestedOptions);
    }

    public static WriterOptions defaults() {
        ChunkerConfig chunking = ChunkerConfig.DEFAULT;
        return new WriterOptions(Compression.DEFAULT, chunking, Runtime.getRuntime().availableProcessors(), 4,
                4L * chunking.maxSize(), Map.of());
    }

    public WriterOptions withCompression(Compression c) {
        return new WriterOptions(c, chunking, compressionThreads, uploadsInFlight, memoryBudgetBytes,
                requestedOptions);
    }

    /** Also resizes the memory budget to 4 x the new max chunk size. */
    public WriterOptions withChunking(ChunkerConfig c) {
        return new WriterOptions(compression, c, compressionThreads, uploadsInFlight, 4L * c.maxSize(),
                requestedOptions);
    }

    public WriterOptions withThreads(int compression, int uploads) {
        return new WriterOptions(this.compression, chunking, compression, uploads, memoryBudgetBytes,
                requestedOptions);
    }

    public WriterOptions withMemoryBudget(long bytes) {
        return new WriterOptions(compression, chunking, compressionThreads, uploadsInFlight, bytes,
                requestedOptions);
    }

    public WriterOptions withRequestedOptions(Map<String, String> options) {
        return new WriterOptions(compression, chunking, compressionThreads, uploadsInFlight, memoryBudgetBytes,
                options);
    }
}
