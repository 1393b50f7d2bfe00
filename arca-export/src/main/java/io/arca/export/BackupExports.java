package io.arca.export;

import io.arca.export.archive.TarExport;
import io.arca.export.sql.SqlExport;
import io.arca.export.zip.TableZipExport;
import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.PgTools;
import java.util.List;

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
        return prepare(content, request, PgTools.locate());
    }

    /** {@link #prepare(BackupContent, ExportRequest)} with the PostgreSQL client programs to convert schema with. */
    public static RenderedExport prepare(BackupContent content, ExportRequest request, PgTools tools) {
        request.checkAgainst(backupType(content), tables(content));
        return switch (request.format()) {
            case SQL -> SqlExport.prepare(content, request, tools);
            case CSV, JSON -> TableZipExport.prepare(content, request, tools);
            case ARCHIVE -> TarExport.prepare(content);
        };
    }

    /**
     * {@code full}, {@code schema-only} or {@code data-only}: as the backup was requested (the manifest records it),
     * else as its entries show.
     */
    static String backupType(BackupContent content) {
        String requested = content.manifest().options().requested().get("type");
        if (requested != null) {
            return requested;
        }
        List<DumpEntry> entries = content.plan().entries();
        boolean schema = entries.stream().anyMatch(e -> e.kind() == EntryKind.PRE_DATA);
        boolean data = entries.stream().anyMatch(e -> e.kind() == EntryKind.TABLE_DATA
                || e.kind() == EntryKind.SEQUENCE_VALUES);
        return !schema ? "data-only" : data ? "full" : "schema-only";
    }

    /** The tables with data in the backup, as {@code {schema, table}}. */
    static List<String[]> tables(BackupContent content) {
        return content.plan().entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA)
                .map(e -> new String[] {e.schema(), e.table()}).toList();
    }
}
