package io.arca.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.cli.ExitCode;
import io.arca.cli.GlobalOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One list in the three output modes; people's notes never reach stdout. */
class OutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void tableJsonAndIds() throws Exception {
        JsonNode items = JSON.readTree("[{\"id\":\"a1\",\"name\":\"shop\",\"size\":1536,\"p\":{\"phase\":\"done\"}},"
                + "{\"id\":\"b2\",\"name\":\"warehouse\",\"size\":null}]");
        List<Column> columns = List.of(Column.of("name", "name"), Column.bytes("size", "size"),
                Column.of("phase", "/p/phase"));

        output(GlobalOptions.Format.TABLE, false).list(items, columns);
        assertThat(text(out)).isEqualTo("NAME       SIZE     PHASE\nshop       1.5 KiB  done\nwarehouse  -        -\n");

        out.reset();
        output(GlobalOptions.Format.JSON, false).list(items, columns);
        assertThat(JSON.readTree(text(out))).isEqualTo(items);

        out.reset();
        Output quiet = output(GlobalOptions.Format.JSON, true);
        quiet.list(items, columns);
        quiet.note("requested");
        assertThat(text(out)).isEqualTo("a1\nb2\n");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void notesGoToStderr() {
        Output table = output(GlobalOptions.Format.TABLE, false);
        table.note("backup requested");
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).isEqualTo("backup requested\n");
    }

    @Test
    void byteUnitsAndExitCodes() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(Formats.bytes(200L << 20)).isEqualTo("200 MiB");
        assertThat(List.of(401, 403, 404, 410, 400, 409, 422, 500, 503).stream().map(ExitCode::ofStatus))
                .containsExactly(3, 3, 4, 4, 2, 2, 2, 5, 5);
    }

    private Output output(GlobalOptions.Format format, boolean quiet) {
        return new Output(format, quiet, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }
}
