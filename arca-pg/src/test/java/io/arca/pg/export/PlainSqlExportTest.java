package io.arca.pg.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpOptions;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dump exported as one plain SQL script loads with psql into an equal database. */
class PlainSqlExportTest {
    private static PgTestSupport pg;

    @BeforeAll
    static void setUp() {
        pg = new PgTestSupport();
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void exportedScriptRestoresWithPsql(@TempDir Path dir) throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca export");
        try (Connection c = pg.connect(source)) {
            SampleDatabase.load(c);
        }
        MemoryArchive archive = new MemoryArchive();
        archive.withEntries(new PgDumper().dump(source, DumpOptions.full(), archive));

        Path script = dir.resolve("dump.sql");
        try (OutputStream out = Files.newOutputStream(script)) {
            new PlainSqlExport().write(archive, out);
        }
        PgConnectionSpec target = pg.freshDatabase("arca export loaded");
        pg.loadSqlFile(target, script);

        assertThat(Files.readString(script)).contains("COPY \"my schema\".\"Weird \"\"Name\"\" ü\"");
        DatabaseFingerprint original = TableChecksums.capture(source);
        assertThat(TableChecksums.capture(target).differencesFrom(original)).isEmpty();
    }
}
