package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TablePatternTest {

    @Test
    void qualifiedPatternsMatchSchemaAndTable() {
        assertThat(TablePattern.of("public.film").matches("public", "film")).isTrue();
        assertThat(TablePattern.of("public.film").matches("public", "film_actor")).isFalse();
        assertThat(TablePattern.of("public.film").matches("other", "film")).isFalse();
        assertThat(TablePattern.of("sales.*").matches("sales", "anything at all")).isTrue();
        assertThat(TablePattern.of("*.payment_p*").matches("public", "payment_p2022_01")).isTrue();
    }

    @Test
    void unqualifiedPatternsMatchTheTableInAnySchema() {
        assertThat(TablePattern.of("film").matches("public", "film")).isTrue();
        assertThat(TablePattern.of("film").matches("archive", "film")).isTrue();
        assertThat(TablePattern.of("film*").matches("x", "film_category")).isTrue();
        assertThat(TablePattern.of("film").matches("film", "other")).isFalse();
    }

    @Test
    void namesAreLiteralCaseSensitiveAndUnquoted() {
        TablePattern weird = TablePattern.of("my schema.Weird \"Name\" ü");
        assertThat(weird.matches("my schema", "Weird \"Name\" ü")).isTrue();
        assertThat(weird.matches("my schema", "weird \"name\" ü")).isFalse();
        assertThat(TablePattern.of("CamelCase").matches("public", "camelcase")).isFalse();
        assertThat(TablePattern.of("a?c").matches("s", "abc")).as("? is not a wildcard").isFalse();
        assertThat(TablePattern.of("a[b]c").matches("s", "a[b]c")).as("regex characters are literal").isTrue();
        assertThat(TablePattern.of("*").matches("s", "t")).isTrue();
    }

    @Test
    void theApisQuotedFormMatchesEachPartOnItsOwn() {
        TablePattern quoted = TablePattern.of("\"My Schema\".\"t*\"");
        assertThat(quoted.matches("My Schema", "t_1")).isTrue();
        assertThat(quoted.matches("My Schema", "u")).isFalse();
        assertThat(quoted.matches("my schema", "t_1")).as("quoted names keep their case").isFalse();
        assertThat(TablePattern.of("public.\"Order\"").matches("public", "Order")).isTrue();
        assertThat(TablePattern.of("\"a.b\".c").matches("a.b", "c")).as("a quoted part may hold a dot").isTrue();
        assertThat(TablePattern.of("\"a.b\".c").matches("a", "b.c")).isFalse();
        assertThat(TablePattern.of("s.\"say \"\"hi\"\"\"").matches("s", "say \"hi\""))
                .as("\"\" is a quote inside").isTrue();
    }

    @Test
    void blankPatternsAreRejected() {
        assertThatThrownBy(() -> TablePattern.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
