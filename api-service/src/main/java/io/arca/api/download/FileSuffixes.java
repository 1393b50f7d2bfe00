package io.arca.api.download;

import io.arca.export.ExportRequest;

/**
 * The file suffix a link's response shows before anything is rendered (the rendering's own
 * {@code RenderedExport.fileSuffix()} names the downloaded file; the download tests check that both agree).
 */
final class FileSuffixes {
    private FileSuffixes() {
    }

    static String of(ExportRequest request) {
        return switch (request.format()) {
            case SQL -> switch (request.compression()) {
                case NONE -> ".sql";
                case GZIP -> ".sql.gz";
                case ZSTD -> ".sql.zst";
            };
            case CSV -> ".csv.zip";
            case JSON -> ".json.zip";
            case ARCHIVE -> ".tar";
        };
    }
}
