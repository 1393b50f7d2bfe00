package io.arca.export.sql;

import io.arca.export.BackupContent;
import io.arca.export.BackupEntrySource;
import io.arca.export.ExportCompression;
import io.arca.export.ExportFormat;
import io.arca.export.ExportRequest;
import io.arca.export.RenderedExport;
import io.arca.export.stream.Compressors;
import io.arca.export.stream.RenderOutput;
import io.arca.pg.PgTools;
import io.arca.pg.export.PlainSqlExport;
import io.arca.pg.export.PlainSqlScript;
import io.arca.pg.export.ScriptOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * The {@code sql} format: arca-pg's plain SQL script ({@link PlainSqlExport}) of the backup, streamed from its chunks
 * and compressed as asked. Uncompressed, its length is known before the first byte (the schema parts are converted
 * once at {@link #prepare} to count them) and byte ranges are served without rendering what lies before them.
 */
public final class SqlExport implements RenderedExport {
    private final PlainSqlScript script;
    private final ExportCompression compression;
    private final OptionalLong length;

    private SqlExport(PlainSqlScript script, ExportCompression compression, OptionalLong length) {
        this.script = script;
        this.compression = compression;
        this.length = length;
    }

    public static SqlExport prepare(BackupContent content, ExportRequest request, PgTools tools) {
        PlainSqlScript script = script(content, request, tools, false);
        OptionalLong length = request.compression() == ExportCompression.NONE ? OptionalLong.of(script.length())
                : OptionalLong.empty();
        return new SqlExport(script, request.compression(), length);
    }

    /**
     * The backup's script with the request's tables: the whole script, or (schemaOnly) pre-data and post-data as the
     * {@code schema.sql} of a CSV or JSON export. Its restrict key is fixed per backup ({@link RestrictKey}).
     */
    public static PlainSqlScript script(BackupContent content, ExportRequest request, PgTools tools,
                                        boolean schemaOnly) {
        ScriptOptions options = ScriptOptions.whole().withTables(request.patterns()).withSchemaOnly(schemaOnly)
                .withRestrictKey(RestrictKey.of(content.manifest()));
        return new PlainSqlExport(tools).script(new BackupEntrySource(content), options);
    }

    @Override
    public String contentType() {
        return switch (compression) {
            case NONE -> "application/sql";
            case GZIP -> "application/gzip";
            case ZSTD -> "application/zstd";
        };
    }

    @Override
    public String fileSuffix() {
        return ExportRequest.suffixOf(ExportFormat.SQL, compression);
    }

    @Override
    public OptionalLong length() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        RenderOutput target = Compressors.open(out, compression);
        try {
            script.writeTo(target.stream());
            target.finish();
        } finally {
            target.abandon();
        }
    }

    @Override
    public void writeRange(OutputStream out, long first, long last) throws IOException {
        if (length.isEmpty()) {
            throw new IllegalStateException("a compressed sql export has no length known in advance, so no ranges");
        }
        RenderOutput target = Compressors.open(out, ExportCompression.NONE);
        try {
            script.writeRange(target.stream(), first, last);
            target.finish();
        } finally {
            target.abandon();
        }
    }
}
