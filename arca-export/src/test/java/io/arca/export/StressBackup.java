package io.arca.export;

import io.arca.pg.DumpOptions;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The "stress" database (Arca's sample database plus {@code stress-schema.sql}) and one full backup of it, made once
 * per test JVM and shared by the export tests: a dump of it takes seconds, and every test only reads it.
 */
final class StressBackup {
    private static StressBackup instance;

    final PgConnectionSpec source;
    final TestBackup backup;
    final DatabaseFingerprint fingerprint;

    private StressBackup(PgConnectionSpec source, TestBackup backup, DatabaseFingerprint fingerprint) {
        this.source = source;
        this.backup = backup;
        this.fingerprint = fingerprint;
    }

    static synchronized StressBackup get() throws SQLException, IOException {
        if (instance == null) {
            PgConnectionSpec source = TestPg.freshDatabase("arca export stress");
            try (Connection c = TestPg.connect(source); Statement s = c.createStatement()) {
                SampleDatabase.load(c);
                s.execute(script());
            }
            TestBackup backup = TestBackup.of(source, DumpOptions.full());
            instance = new StressBackup(source, backup, TableChecksums.capture(source));
        }
        return instance;
    }

    static String script() {
        return SampleDatabase.stressScript();
    }
}
