package io.arca.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.Ids;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca keys ls|add|revoke} (admin). A new key's secret is printed once, as the API shows it once. */
@Command(name = "keys", description = "API keys of the tenant (admin)",
        subcommands = {KeysCommand.Ls.class, KeysCommand.Add.class, KeysCommand.Revoke.class})
public final class KeysCommand {
    static final List<Column> LIST = List.of(Column.of("id", "id"), Column.of("name", "name"),
            Column.of("role", "role"), Column.of("prefix", "prefix"), Column.time("created", "createdAt"),
            Column.time("last used", "lastUsedAt"), Column.time("revoked", "revokedAt"));

    @Command(name = "ls", description = "List keys (never their secrets)")
    static final class Ls extends ApiCommand {
        @Option(names = "--limit", defaultValue = "50", description = "at most N (0: all)") int limit;

        @Override
        protected int run() {
            output().list(api().list("/api/v1/api-keys", Map.of(), limit), LIST);
            return ExitCode.OK;
        }
    }

    @Command(name = "add", description = "Create a key; its secret is shown once")
    static final class Add extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "what the key is for") String name;
        @Option(names = "--role", required = true, description = "viewer, operator or admin") String role;

        @Override
        protected int run() {
            JsonNode key = api().post("/api/v1/api-keys", ApiClient.json().createObjectNode().put("name", name)
                    .put("role", role));
            output().note("key " + name + " created; its secret is shown once: store it now");
            output().object(key, List.of(Column.of("id", "id"), Column.of("name", "name"), Column.of("role", "role"),
                    Column.of("secret", "secret")));
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a key: it authenticates nothing from now on")
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "KEY", description = "key id") String key;

        @Override
        protected int run() {
            api().delete("/api/v1/api-keys/" + Ids.require(key, "key id"));
            output().note("key " + key + " revoked");
            return ExitCode.OK;
        }
    }
}
