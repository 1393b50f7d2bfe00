package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Proves an operation left a database unchanged: every table's checksum (rows and contents), every sequence's value
 * and the full {@code pg_dump --schema-only} are equal before and after.
 */
final class TargetUnchanged {
    private TargetUnchanged() {
    }

    static <T> T preview(PgTestSupport pg, PgConnectionSpec target, Supplier<T> operation) throws Exception {
        DatabaseFingerprint before = TableChecksums.capture(target);
        String schemaBefore = schemaDump(target);
        T result = operation.get();
        assertThat(TableChecksums.capture(target)).as("tables and sequences after the dry run").isEqualTo(before);
        assertThat(schemaDump(target)).as("pg_dump --schema-only after the dry run").isEqualTo(schemaBefore);
        return result;
    }

    /** pg_dump --schema-only, without the random {@code \restrict} keys of newer pg_dump releases. */
    static String schemaDump(PgConnectionSpec spec) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(PgTools.locate().pgDump().toString(), "--schema-only",
                "--dbname=" + Identifiers.conninfoDbname(spec.database()));
        pb.environment().putAll(spec.libpqEnvironment());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).as("pg_dump exit code").isZero();
        assertThat(out).contains("PostgreSQL database dump complete");
        return out.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }
}
