package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgConnectionSpecTest {
    private final PgConnectionSpec spec =
            new PgConnectionSpec("db.example", 5433, "my db ü", "backup", "s3cret!", null);

    @Test
    void neverPrintsThePassword() {
        assertThat(spec.toString()).doesNotContain("s3cret!").contains("password=******").contains("my db ü");
        assertThat(spec.jdbcUrl()).doesNotContain("s3cret!");
        assertThat(spec.describe()).doesNotContain("s3cret!");
        assertThat(spec.redact("failed with s3cret! inside")).isEqualTo("failed with ****** inside");
    }

    @Test
    void jdbcUrlEncodesTheDatabaseName() {
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/my+db+%C3%BC");
        assertThat(spec.jdbcProperties()).containsEntry("password", "s3cret!").containsEntry("sslmode", "prefer");
        assertThat(new PgConnectionSpec("::1", 5432, "d", "u", null, "require").jdbcUrl())
                .startsWith("jdbc:postgresql://[::1]:5432/");
    }

    @Test
    void childProcessesGetThePasswordThroughTheirEnvironment() {
        assertThat(spec.libpqEnvironment()).containsEntry("PGPASSWORD", "s3cret!")
                .containsEntry("PGDATABASE", "my db ü").containsEntry("PGPORT", "5433")
                .containsEntry("PGSSLMODE", "prefer");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new PgConnectionSpec("h", 0, "d", "u", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgConnectionSpec("h", 5432, "d", "u", null, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgConnectionSpec(" ", 5432, "d", "u", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
