package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.ExitCode;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "From the terminal" walkthrough, run: the {@code arca} CLI (in-process, as a user with ARCA_URL and
 * ARCA_API_KEY) against the real services. Each command's happy path in table and JSON output, the restored data
 * compared per table, the downloaded SQL compared with the API's link, and every bad input's exit code and message.
 */
class CliWalkthroughTest {
    private static ArcaSystem arca;
    private static Cli cli;
    private static String database;
    private static String sourceName;
    private static String backupId;

    @BeforeAll
    static void registerAndBackUp() throws Exception {
        arca = ArcaSystem.shared();
        ArcaClient tenant = arca.client().createTenant("cli-" + UUID.randomUUID().toString().substring(0, 6));
        cli = Cli.of(arca, tenant.key());
        database = arca.sources.empty("cli_shop");
        arca.sources.execute(database, "create table items(id serial primary key, name text, price numeric(10,2)); "
                + "insert into items(name, price) select md5(g::text), g / 7.0 from generate_series(1, 5000) g; "
                + "create table notes(id int primary key, body text); insert into notes values (1, 'first'), "
                + "(2, E'tab\\there')");
        sourceName = "shop-" + database.substring(database.length() - 8);
        Cli.Result add = cli.withStdin(arca.env.pgPassword() + "\n").run("sources", "add", sourceName, "--host",
                arca.env.pgHost(), "--port", String.valueOf(arca.env.pgPort()), "--database", database, "--user",
                arca.env.pgUser(), "--ssl-mode", "disable", "--password-stdin", "--label", "env=test");
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.out()).contains("name:").contains(sourceName);
        assertThat(add.err()).contains("registered");

        Cli.Result backup = cli.run("backup", sourceName, "--wait", "-o", "json");
        assertThat(backup.exit()).as(backup.toString()).isZero();
        assertThat(backup.json().path("state").asText()).isEqualTo("completed");
        backupId = backup.json().path("id").asText();
        assertThat(backup.err()).contains("backup " + backupId + ": completed");
    }

    @Test
    void sourcesAndBackupsInEveryOutputMode() {
        Cli.Result ls = cli.run("sources", "ls");
        assertThat(ls.exit()).isZero();
        assertThat(ls.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("RPO");
        assertThat(ls.out()).contains(sourceName).contains(database);
        JsonNode json = cli.run("sources", "ls", "-o", "json").json();
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).path("name").asText()).isEqualTo(sourceName);
        assertThat(json.get(0).has("password")).isFalse();
        String sourceId = json.get(0).path("id").asText();
        assertThat(cli.run("sources", "ls", "-q").out().strip()).isEqualTo(sourceId);
        assertThat(cli.run("sources", "show", sourceName).out()).containsPattern("rpo status:\\s+ok");
        Cli.Result check = cli.run("sources", "check", sourceName);
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).containsPattern("ok:\\s+true").contains("server version:");

        // other tests of this class add backups of the source (schedule runs, safety backups): ids, one per line
        assertThat(cli.run("backups", "ls", "--source", sourceName, "-q").out().lines()).contains(backupId)
                .allMatch(line -> line.matches("[0-9a-f-]{36}"));
        assertThat(cli.run("backups", "ls").out()).contains(backupId).contains("completed");
        // <source>@latest: the newest completed backup that is not deleted (other tests here add backups)
        String newest = cli.run("backups", "ls", "--source", sourceName, "--state", "completed", "--lifecycle",
                "live", "--limit", "1", "-q").out().strip();
        assertThat(cli.run("backups", "show", sourceName + "@latest", "-o", "json").json().path("id").asText())
                .isEqualTo(newest);
        assertThat(cli.run("backups", "show", backupId, "-o", "json").json().at("/result/logicalSize").asLong())
                .isPositive();

        JsonNode contents = cli.run("backups", "contents", backupId, "-o", "json").json();
        JsonNode items = null;
        for (JsonNode e : contents) {
            if ("items".equals(e.path("table").asText())) {
                items = e;
            }
        }
        assertThat(items).as("contents %s", contents).isNotNull();
        assertThat(items.path("rows").asLong()).isEqualTo(5000);
        assertThat(cli.run("backups", "contents", backupId).out()).contains("public.items").contains("5000");

        Cli.Result pin = cli.run("backups", "pin", backupId, "--reason", "before the migration", "-o", "json");
        assertThat(pin.json().at("/pin/reason").asText()).isEqualTo("before the migration");
        assertThat(cli.run("backups", "unpin", backupId, "-o", "json").json().path("pin").isNull()).isTrue();

        Cli.Result verify = cli.run("backups", "verify", backupId, "--wait");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).containsPattern("result:\\s+ok");
    }

    @Test
    void restoreWithDryRunRefusalAndConfirmation() throws Exception {
        DatabaseFingerprint original = TableChecksums.capture(arca.sources.spec(database));
        String target = arca.sources.freshName("cli_restored");
        Cli.Result whole = cli.run("restore", backupId, "--to", sourceName + "/" + target, "--wait");
        assertThat(whole.exit()).as(whole.toString()).isZero();
        assertThat(whole.out()).containsPattern("state:\\s+completed");
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(original)).isEmpty();

        arca.sources.execute(target, "delete from items where id > 100");
        Cli.Result dryRun = cli.run("restore", backupId, "--to", sourceName + "/" + target, "--tables",
                "public.items", "--drop-existing", "--dry-run", "--wait");
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("preview:").contains("public.items: 5000 rows").contains("would overwrite:")
                .contains("public.items (100 rows)");
        assertThat(arca.sources.count(target, "select count(*) from items")).isEqualTo(100);

        Cli.Result refused = cli.run("restore", backupId, "--to", sourceName + "/" + target, "--tables",
                "public.items", "--drop-existing");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("public.items (100 rows)").contains("--confirm-data-loss")
                .doesNotContain("Exception");

        Cli.Result confirmed = cli.run("restore", backupId, "--to", sourceName + "/" + target, "--tables",
                "public.items", "--drop-existing", "--confirm-data-loss", "--wait", "-o", "json");
        assertThat(confirmed.exit()).as(confirmed.toString()).isZero();
        assertThat(confirmed.json().path("safetyBackupId").asText()).isNotEmpty();
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(original)).isEmpty();
        assertThat(cli.run("restores", "ls", "--backup", backupId, "-q").out().lines().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void downloadEqualsTheApisLink() throws Exception {
        Path dir = Files.createTempDirectory("arca-cli-dl");
        Path file = dir.resolve("shop.sql");
        Cli.Result download = cli.run("download", backupId, "--format", "sql", "--compression", "none", "-o",
                file.toString());
        assertThat(download.exit()).as(download.toString()).isZero();
        assertThat(dir.resolve("shop.sql.part")).doesNotExist();

        String url = new ArcaClient(arca.apiBaseUrl(), cli.apiKey()).createDownloadLink(UUID.fromString(backupId),
                "{\"format\":\"sql\",\"compression\":\"none\"}").getString("url");
        byte[] viaApi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(Files.readAllBytes(file)).isEqualTo(viaApi);
        assertThat(new String(viaApi, StandardCharsets.UTF_8)).contains("COPY \"public\".\"items\"");

        Cli.Result stdout = cli.run("download", backupId, "--format", "sql", "--compression", "none", "-o", "-");
        assertThat(stdout.out()).isEqualTo(new String(viaApi, StandardCharsets.UTF_8));

        Cli.Result export = cli.run("export", backupId, "--format", "csv", "--compression", "none", "--wait", "-o",
                "json");
        assertThat(export.exit()).as(export.toString()).isZero();
        assertThat(export.json().path("state").asText()).isEqualTo("completed");
        byte[] zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(export.json().path("url")
                .asText())).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(zip).hasSize(export.json().path("size").intValue());
        assertThat(new String(zip, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        Cli.Result badFormat = cli.run("export", backupId, "--format", "xml");
        assertThat(badFormat.exit()).as(badFormat.toString()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void schedulesKeysAndStatus() {
        Cli.Result add = cli.run("schedules", "add", "nightly-" + sourceName, "--source", sourceName, "--cron",
                "15 3 * * 1-5", "--zone", "Europe/Berlin", "--keep-last", "3", "-o", "json");
        assertThat(add.exit()).as(add.toString()).isZero();
        String scheduleId = add.json().path("id").asText();
        JsonNode shown = cli.run("schedules", "show", scheduleId, "--upcoming", "5", "-o", "json").json();
        assertThat(shown.path("upcoming")).hasSize(5);
        assertThat(cli.run("schedules", "ls", "--source", sourceName).out()).contains("15 3 * * 1-5");

        Cli.Result badCron = cli.run("schedules", "add", "bad", "--source", sourceName, "--cron", "61 * * * *");
        assertThat(badCron.exit()).as(badCron.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(badCron.err()).startsWith("arca: ").contains("61");
        Cli.Result noTiming = cli.run("schedules", "add", "bad", "--source", sourceName);
        assertThat(noTiming.exit()).isEqualTo(ExitCode.USAGE);

        Cli.Result run = cli.run("schedules", "run", scheduleId, "--wait", "-o", "json");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.json().path("origin").asText()).isEqualTo("schedule");
        Cli.Result preview = cli.run("schedules", "preview-retention", scheduleId);
        assertThat(preview.exit()).as(preview.toString()).isZero();
        assertThat(preview.out()).contains("keep").contains(run.json().path("id").asText());
        assertThat(cli.run("schedules", "rm", scheduleId).exit()).isZero();
        assertThat(cli.run("schedules", "show", scheduleId).exit()).isEqualTo(ExitCode.NOT_FOUND);

        Cli.Result key = cli.run("keys", "add", "dashboards", "--role", "viewer", "-o", "json");
        assertThat(key.exit()).as(key.toString()).isZero();
        Cli viewer = cli.withEnv("ARCA_API_KEY", key.json().path("secret").asText());
        assertThat(viewer.run("backups", "ls").exit()).isZero();
        Cli.Result forbidden = viewer.run("backup", sourceName);
        assertThat(forbidden.exit()).as(forbidden.toString()).isEqualTo(ExitCode.AUTH);
        assertThat(cli.run("keys", "ls").out()).contains("dashboards").contains("viewer");
        assertThat(cli.run("keys", "revoke", key.json().path("id").asText()).exit()).isZero();
        assertThat(viewer.run("backups", "ls").exit()).isEqualTo(ExitCode.AUTH);

        Cli.Result status = cli.run("status", "-o", "json");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.json().has("running")).isTrue();
        assertThat(status.json().path("queued").isInt()).isTrue();
        assertThat(cli.run("status").out()).contains("running:").contains("queued:");
    }

    @Test
    void badInputGetsAClearAnswer() {
        Cli.Result unknownSource = cli.run("backup", "no-such-source");
        assertThat(unknownSource.exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknownSource.err()).contains("no source named 'no-such-source'").contains(sourceName);
        Cli.Result malformedId = cli.run("backups", "show", "12345");
        assertThat(malformedId.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(malformedId.err()).contains("not a backup");
        Cli.Result unknownId = cli.run("backups", "show", UUID.randomUUID().toString());
        assertThat(unknownId.exit()).as(unknownId.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknownId.err()).startsWith("arca: ").doesNotContain("Exception");

        Cli.Result cancelUnknown = cli.run("backups", "cancel", UUID.randomUUID().toString());
        assertThat(cancelUnknown.exit()).as(cancelUnknown.toString()).isEqualTo(ExitCode.NOT_FOUND);

        Cli.Result typo = cli.run("sorces", "ls");
        assertThat(typo.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("Did you mean").contains("sources");
        Cli.Result badFlag = cli.run("backup", sourceName, "--no-such-flag");
        assertThat(badFlag.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badFlag.err()).contains("--no-such-flag");
        Cli.Result badFormat = cli.run("sources", "ls", "-o", "yaml");
        assertThat(badFormat.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badFormat.err()).contains("table or json");

        Cli.Result noUrl = cli.withEnv("ARCA_URL", null).run("sources", "ls");
        assertThat(noUrl.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noUrl.err()).contains("ARCA_URL").contains("--url");
        Cli.Result noKey = cli.withEnv("ARCA_API_KEY", null).run("sources", "ls");
        assertThat(noKey.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noKey.err()).contains("ARCA_API_KEY");
        Cli.Result wrongKey = cli.withEnv("ARCA_API_KEY", "arca_wrong").run("sources", "ls");
        assertThat(wrongKey.exit()).isEqualTo(ExitCode.AUTH);
        Cli.Result unreachable = cli.withEnv("ARCA_URL", "http://127.0.0.1:1").run("sources", "ls");
        assertThat(unreachable.exit()).isEqualTo(ExitCode.SERVER);
        assertThat(unreachable.err()).contains("cannot reach the Arca API at http://127.0.0.1:1");

        Cli.Result noPassword = cli.run("sources", "add", "x", "--host", "h", "--database", "d", "--user", "u");
        assertThat(noPassword.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noPassword.err()).contains("--password-stdin").contains("PGPASSWORD");
        Cli.Result badTarget = cli.run("restore", backupId, "--to", "no-slash");
        assertThat(badTarget.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badTarget.err()).contains("<source>/<database>");
    }

    @Test
    void versionHelpAndCompletion() {
        Cli.Result version = cli.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("arca ");
        Cli.Result help = cli.run("backups", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("verify").contains("contents").contains("pin");
        Cli.Result completion = cli.run("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("sources").contains("--confirm-data-loss");
        Cli.Result none = cli.run();
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("a command is missing");
    }
}
