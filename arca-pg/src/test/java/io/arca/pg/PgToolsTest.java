package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgToolsTest {

    @Test
    void parsesVersionLines() {
        assertThat(PgTools.parseVersionNum("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")).isEqualTo(150018);
        assertThat(PgTools.parseVersionNum("pg_dump (PostgreSQL) 17.0")).isEqualTo(170000);
        assertThat(PgTools.parseVersionNum("pg_dump (PostgreSQL) 9.6.24")).isEqualTo(90624);
        assertThat(PgTools.parseVersionNum("pg_dump (PostgreSQL) 16beta1")).isEqualTo(160000);
    }

    @Test
    void comparesMajorVersions() {
        assertThat(PgTools.major(150018)).isEqualTo(150000);
        assertThat(PgTools.major(90624)).isEqualTo(90600);
        assertThat(PgTools.major(150002)).isEqualTo(PgTools.major(150018));
    }

    @Test
    void locatesAnInstalledClient() {
        PgTools tools = PgTools.locate();
        assertThat(tools.pgDump().getFileName()).hasToString("pg_dump");
        assertThat(tools.pgRestore().getFileName()).hasToString("pg_restore");
    }
}
