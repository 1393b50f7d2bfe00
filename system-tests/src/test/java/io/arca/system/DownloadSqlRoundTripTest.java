package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup taken out of Arca without Arca: backed up through the API, its {@code sql} download link fetched with
 * plain {@code curl} (no API key), decompressed with the system's {@code gzip} or {@code zstd}, loaded with
 * {@code psql -v ON_ERROR_STOP=1} into an empty database, which then equals the original table by table (row
 * counts and content checksums, {@link TableChecksums}).
 */
class DownloadSqlRoundTripTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ArcaSystem arca;
    private static Path scratch;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        scratch = Files.createTempDirectory("arca-download-");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (scratch != null) {
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    @Test
    void demoDatabaseAsGzipSql() throws Exception {
        roundTrip(arca.sources.demo(), "gzip", List.of("gzip", "-d", "-c"));
    }

    @Test
    void demoDatabaseAsZstdSql() throws Exception {
        roundTrip(arca.sources.demo(), "zstd", List.of("zstd", "-d", "-c", "-q"));
    }

    @Test
    void pagilaAsGzipSql() throws Exception {
        roundTrip(arca.sources.pagila(), "gzip", List.of("gzip", "-d", "-c"));
    }

    private void roundTrip(String database, String compression, List<String> decompress) throws Exception {
        ArcaClient api = arca.client();
        UUID source = api.createSource(arca.env, database);
        DatabaseFingerprint original = TableChecksums.capture(arca.sources.spec(database));
        UUID backupId = api.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
        api.awaitBackupCompleted(backupId, WAIT);

        JsonPath link = api.createDownloadLink(backupId, "{\"format\":\"sql\",\"compression\":\"" + compression
                + "\",\"expiresInSeconds\":600}");
        String filename = link.getString("filename");
        assertThat(filename).startsWith(database + "-").endsWith(compression.equals("gzip") ? ".sql.gz" : ".sql.zst");
        Path downloaded = scratch.resolve(filename);
        long started = System.nanoTime();
        run(List.of("curl", "-sS", "--fail", "-o", downloaded.toString(), link.getString("url")), null);
        long millis = (System.nanoTime() - started) / 1_000_000;

        Path script = scratch.resolve(database + ".sql");
        List<String> command = new java.util.ArrayList<>(decompress);
        command.add(downloaded.toString());
        run(command, script);
        String target = arca.sources.empty(database + "_sql");
        arca.sources.load(target, script);

        DatabaseFingerprint copy = TableChecksums.capture(arca.sources.spec(target));
        assertThat(original.tables()).isNotEmpty();
        assertThat(copy.differencesFrom(original)).as("%s loaded from the %s download vs %s", target, filename,
                database).isEmpty();
        System.out.printf("download %s: %d bytes in %d ms (%d bytes of SQL), loads into an equal database%n",
                filename, Files.size(downloaded), millis, Files.size(script));
        arca.sources.drop(target);
        arca.sources.drop(database);
    }

    /** Runs a system program; its stdout goes to {@code output} when given. Fails with its stderr unless it exits 0. */
    private static void run(List<String> command, Path output) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path errors = Files.createTempFile(scratch, "stderr", ".txt");
        pb.redirectError(errors.toFile());
        if (output != null) {
            pb.redirectOutput(output.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        int exit = pb.start().waitFor();
        assertThat(exit).as("%s exited with %d: %s", command.get(0), exit,
                Files.readString(errors, StandardCharsets.UTF_8)).isZero();
    }
}
