package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.read.BackupReader;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.Datasets;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pagila (from ../shared/datasets; skipped with a message when absent): the gzip {@code sql} download loads with psql
 * into an empty database equal to the source, and every table of the {@code csv} download parses with its row count.
 */
class PagilaExportTest {

    @Test
    void pagilaAsSqlLoadsAndAsCsvParses(@TempDir Path dir) throws Exception {
        Path pagila = Datasets.requirePagila();
        PgConnectionSpec source = TestPg.freshDatabase("arca export pagila");
        TestPg.loadDataset(source, pagila.resolve("pagila-schema.sql"), dir);
        TestPg.loadDataset(source, pagila.resolve("pagila-data.sql"), dir);
        DatabaseFingerprint original = TableChecksums.capture(source);
        TestBackup backup = TestBackup.of(source, DumpOptions.full());

        Path sqlGz = dir.resolve("pagila.sql.gz");
        Path csvZip = dir.resolve("pagila.csv.zip");
        try (BackupReader reader = backup.reader()) {
            BackupContent content = backup.content(reader);
            try (OutputStream out = Files.newOutputStream(sqlGz)) {
                BackupExports.prepare(content, ExportRequest.parse("sql", null, null)).writeTo(out);
            }
            try (OutputStream out = Files.newOutputStream(csvZip)) {
                BackupExports.prepare(content, ExportRequest.parse("csv", null, null)).writeTo(out);
            }
        }
        Path sql = dir.resolve("pagila.sql");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sqlGz))) {
            Files.copy(in, sql);
        }
        PgConnectionSpec target = TestPg.freshDatabase("arca export pagila loaded");
        TestPg.psql(target, sql);
        assertThat(TableChecksums.capture(target).differencesFrom(original)).isEmpty();

        int tables = 0;
        try (ZipFile files = new ZipFile(csvZip.toFile(), StandardCharsets.UTF_8)) {
            for (DumpEntry table : backup.dump().entries()) {
                if (table.kind() != EntryKind.TABLE_DATA) {
                    continue;
                }
                var entry = files.getEntry(table.schema() + "." + table.table() + ".csv");
                assertThat(entry).as(table.qualifiedTable()).isNotNull();
                try (CSVParser parser = CSVParser.parse(new InputStreamReader(files.getInputStream(entry),
                        StandardCharsets.UTF_8), CsvExportTest.RFC4180_NULLS)) {
                    long rows = parser.stream().count() - 1; // the header
                    assertThat(rows).as(table.qualifiedTable())
                            .isEqualTo(original.tables().get(table.qualifiedTable()).rowCount());
                }
                tables++;
            }
        }
        assertThat(tables).isGreaterThan(15);
    }
}
