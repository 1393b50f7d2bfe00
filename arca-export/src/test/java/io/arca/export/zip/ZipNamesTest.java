package io.arca.export.zip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names inside an export zip are single, safe path segments, unique even on case-insensitive file systems. */
class ZipNamesTest {

    @Test
    void namesAreSafeAndUnique() {
        ZipNames names = new ZipNames();
        assertThat(names.reserve("schema.sql")).isEqualTo("schema.sql");
        assertThat(names.of("public", "film", ".csv")).isEqualTo("public.film.csv");
        assertThat(names.of("public", "Film", ".csv")).isEqualTo("public.Film~2.csv");
        assertThat(names.of("public", "FILM", ".csv")).isEqualTo("public.FILM~3.csv");
        assertThat(names.of("..", "/etc/passwd", ".csv")).isEqualTo("_.._etc_passwd.csv");
        assertThat(names.of("my schema", "Weird \"Name\" ü\n\\x:*?<>|", ".jsonl"))
                .isEqualTo("my schema.Weird _Name_ ü__x______.jsonl");
        assertThat(names.of("s", "t".repeat(300), ".csv")).hasSize(200 + 4);
    }
}
