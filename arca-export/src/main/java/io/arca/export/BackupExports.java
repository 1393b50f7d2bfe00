package io.arca.export;

/** Entry point: turns a stored backup and a request into a {@link RenderedExport}. */
public final class BackupExports {
    private BackupExports() {
    }

    /**
     * Checks the request against the backup and prepares its rendering (cheap: nothing is streamed yet; for an
     * uncompressed sql the schema parts may be converted once to know the length).
     *
     * @throws ExportRefusedException when the request cannot be rendered from this backup
     */
    public static RenderedExport prepare(BackupContent content, ExportRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
