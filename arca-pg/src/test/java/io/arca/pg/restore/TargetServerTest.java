package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.restore.TargetServer.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version comparison and the choice of pg_restore, without a server (CrossVersionRestoreTest runs real ones). */
class TargetServerTest {
    private static final PgTools INSTALLED = PgTools.locate();
    private static final PgConnectionSpec TARGET =
            new PgConnectionSpec("db.example", 5432, "shop", "arca", "secret", "disable");

    @TempDir
    Path debianRoot;

    @Test
    void serverVersionTextBecomesANumber() {
        assertThat(TargetServer.parse("15.18 (Debian 15.18-0+deb12u1)")).isEqualTo(150018);
        assertThat(TargetServer.parse("18.4")).isEqualTo(180004);
        assertThat(TargetServer.parse("18beta1")).isEqualTo(180000);
        assertThat(TargetServer.parse("9.6.24")).isEqualTo(90624);
        assertThatThrownBy(() -> TargetServer.parse("unknown")).isInstanceOf(PgEngineException.class)
                .hasMessageContaining("cannot understand server version: unknown");
    }

    @Test
    void onlyAnOlderMajorVersionIsOlder() {
        TargetServer pg17 = TargetServer.of(new Version("17.2", 170002), INSTALLED, debianRoot);
        assertThat(pg17.olderThan("15.18 (Debian 15.18-0+deb12u1)")).isFalse();
        assertThat(pg17.olderThan("17.10")).as("a newer minor release of the same major").isFalse();
        assertThat(pg17.olderThan("18.0")).isTrue();
        assertThat(pg17.olderThan(null)).as("an archive that does not say is not refused").isFalse();
        assertThat(TargetServer.of(new Version("9.6.24", 90624), INSTALLED, debianRoot).olderThan("10.1")).isTrue();
    }

    @Test
    void anOlderTargetIsRefusedNamingBothVersions() {
        TargetServer pg15 = TargetServer.of(new Version("15.18", 150018), INSTALLED, debianRoot);

        assertThatThrownBy(() -> pg15.requireNotOlderThan("17.6 (Debian 17.6-1)", TARGET))
                .isInstanceOfSatisfying(PgEngineException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.TARGET_VERSION_OLDER))
                .hasMessageContaining("runs PostgreSQL 15.18, older than the backed-up server's PostgreSQL 17.6")
                .hasMessageContaining("restore into a PostgreSQL 17 or newer server")
                .hasMessageContaining("db.example:5432/shop")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theTargetsOwnMajorVersionsPgRestoreIsPreferred() throws Exception {
        Path bin = Files.createDirectories(debianRoot.resolve("18/bin"));
        Files.writeString(bin.resolve("pg_restore"), "#!/bin/sh\necho 'pg_restore (PostgreSQL) 18.4'\n");
        Files.setPosixFilePermissions(bin.resolve("pg_restore"), PosixFilePermissions.fromString("rwxr-xr-x"));

        TargetServer pg18 = TargetServer.of(new Version("18.4", 180004), INSTALLED, debianRoot);

        assertThat(pg18.tools().pgRestore()).isEqualTo(bin.resolve("pg_restore"));
        assertThat(pg18.toolsReason()).contains("target's major version 18");
        assertThat(pg18.tools().pgRestoreVersion()).isEqualTo("pg_restore (PostgreSQL) 18.4");
    }

    @Test
    void withoutItTheRestorersOwnPgRestoreIsUsedAndTheReasonSaysSo() {
        TargetServer pg18 = TargetServer.of(new Version("18.4", 180004), INSTALLED, debianRoot);

        assertThat(pg18.tools()).isEqualTo(INSTALLED);
        assertThat(pg18.toolsReason()).contains(INSTALLED.pgRestore().toString())
                .contains("pg_restore (PostgreSQL)")
                .contains("no PostgreSQL 18 client installed in " + debianRoot.resolve("18/bin"));
        assertThat(pg18.major()).isEqualTo("18");
    }

    @Test
    void aMissingPgRestoreIsNamedInTheReason() {
        PgTools missing = new PgTools(Path.of("/nonexistent/pg_dump"), Path.of("/nonexistent/pg_restore"));

        TargetServer pg17 = TargetServer.of(new Version("17.2", 170002), missing, debianRoot);

        assertThat(pg17.toolsReason()).contains("cannot run /nonexistent/pg_restore");
    }
}
