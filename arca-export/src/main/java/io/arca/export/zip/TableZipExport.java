package io.arca.export.zip;

import io.arca.export.BackupContent;
import io.arca.export.BackupEntrySource;
import io.arca.export.ExportCompression;
import io.arca.export.ExportFormat;
import io.arca.export.ExportRequest;
import io.arca.export.RenderedExport;
import io.arca.export.sql.SqlExport;
import io.arca.export.stream.Compressors;
import io.arca.export.stream.RenderOutput;
import io.arca.export.table.ColumnKind;
import io.arca.export.table.CopyRowHandler;
import io.arca.export.table.CopyTextParser;
import io.arca.export.table.CsvRowWriter;
import io.arca.export.table.JsonRowWriter;
import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.PgTools;
import io.arca.pg.export.PlainSqlScript;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code csv} and {@code json} formats: a zip, streamed (entries deflated, sizes in data descriptors, zip64 when
 * large), holding {@code schema.sql} (pre-data and post-data as SQL, for the selected tables as in the {@code sql}
 * format) and one file per selected table, {@code <schema>.<table>.csv} or {@code .jsonl} ({@link ZipNames}), in
 * schema and table order. Each table goes from its chunks through the COPY text parser into the file; nothing is
 * held beyond fixed buffers. Every entry carries the backup's time, so a rendering is the same bytes each time.
 */
public final class TableZipExport implements RenderedExport {
    static final String SCHEMA_FILE = "schema.sql";

    private final BackupContent content;
    private final BackupEntrySource source;
    private final ExportRequest request;
    private final PlainSqlScript schema;
    private final List<DumpEntry> tables;

    private TableZipExport(BackupContent content, ExportRequest request, PlainSqlScript schema,
                           List<DumpEntry> tables) {
        this.content = content;
        this.source = new BackupEntrySource(content);
        this.request = request;
        this.schema = schema;
        this.tables = tables;
    }

    public static TableZipExport prepare(BackupContent content, ExportRequest request, PgTools tools) {
        boolean hasSchema = content.plan().entries().stream().anyMatch(e -> e.kind() == EntryKind.PRE_DATA);
        PlainSqlScript schema = hasSchema ? SqlExport.script(content, request, tools, true) : null;
        List<DumpEntry> tables = content.plan().entries().stream()
                .filter(e -> e.kind() == EntryKind.TABLE_DATA && request.selects(e.schema(), e.table()))
                .sorted(Comparator.comparing(DumpEntry::schema).thenComparing(DumpEntry::table)).toList();
        return new TableZipExport(content, request, schema, tables);
    }

    @Override
    public String contentType() {
        return "application/zip";
    }

    @Override
    public String fileSuffix() {
        return request.fileSuffix();
    }

    @Override
    public OptionalLong length() {
        return OptionalLong.empty();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        RenderOutput target = Compressors.open(out, ExportCompression.NONE);
        ZipOutputStream zip = new ZipOutputStream(target.stream(), StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.DEFLATED);
        zip.setLevel(Compressors.zipLevel(request.compression()));
        RenderOutput zipTarget = target.wrap(zip);
        try {
            ZipNames names = new ZipNames();
            zip.putNextEntry(entry(names.reserve(SCHEMA_FILE)));
            writeSchema(zip);
            zip.closeEntry();
            String suffix = request.format() == ExportFormat.CSV ? ".csv" : ".jsonl";
            for (DumpEntry table : tables) {
                zip.putNextEntry(entry(names.of(table.schema(), table.table(), suffix)));
                writeTable(table, zip);
                zip.closeEntry();
            }
            zipTarget.finish();
        } finally {
            zipTarget.abandon();
        }
    }

    @Override
    public void writeRange(OutputStream out, long first, long last) {
        throw new IllegalStateException("a " + request.format().wireName() + " export is a zip whose length is not "
                + "known in advance, so it has no byte ranges");
    }

    private ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTime(content.manifest().createdAt().toEpochMilli());
        return e;
    }

    private void writeSchema(OutputStream zip) throws IOException {
        if (schema != null) {
            schema.writeTo(zip);
        } else {
            zip.write(("-- backup " + content.manifest().backupId() + " is data-only: it holds no schema\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeTable(DumpEntry table, ZipOutputStream zip) throws IOException {
        OutputStream file = new BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }
        }, Compressors.BUFFER);
        CopyRowHandler rows;
        if (request.format() == ExportFormat.CSV) {
            CsvRowWriter csv = new CsvRowWriter(file);
            csv.header(table.columns());
            rows = csv;
        } else {
            rows = new JsonRowWriter(file, table.columns(), kinds(table));
        }
        try (InputStream in = source.open(table)) {
            new CopyTextParser(table.columns().size(), rows, table.qualifiedTable()).parse(in);
        }
        file.flush();
    }

    private static List<ColumnKind> kinds(DumpEntry table) {
        if (table.columnTypes().isEmpty()) {
            return table.columns().stream().map(c -> ColumnKind.STRING).toList();
        }
        return table.columnTypes().stream().map(ColumnKind::of).toList();
    }
}
