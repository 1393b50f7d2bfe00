package io.arca.cli.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.GlobalOptions;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Formats;
import io.arca.cli.output.PartFile;
import io.arca.cli.resolve.BackupRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca download <backup> --format sql|csv|json|archive [-o FILE|-]} ({@code -o} is the file here): asks
 * for a short-lived signed link and streams it. A file is written as {@code FILE.part} and renamed when every byte
 * arrived (and the length matched), so a failed download never leaves a truncated file under the final name.
 */
@Command(name = "download", description = "Download a backup as SQL, CSV, JSON Lines or its archive (tar)")
public final class DownloadCommand extends ApiCommand {
    private static final long LINK_SECONDS = 900;

    @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest")
    String backup;
    @Option(names = "--format", defaultValue = "sql", description = "sql (default), csv, json or archive")
    String format;
    @Option(names = "--compression", description = "sql: gzip (the API's default), zstd or none; csv/json: gzip "
            + "or none; archive: none")
    String compression;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN", description = "only these tables")
    List<String> tables;
    @Option(names = "--force", description = "download a backup a verification found damaged")
    boolean force;

    /** {@code -o} names the file here, not an output format. */
    @Override
    protected GlobalOptions.Format format() {
        return GlobalOptions.Format.TABLE;
    }

    @Override
    protected int run() throws IOException {
        String file = global.output;
        UUID id = BackupRef.resolve(api(), backup);
        ObjectNode body = ApiClient.json().createObjectNode().put("format", format).put("expiresInSeconds",
                LINK_SECONDS).put("force", force);
        if (compression != null) {
            body.put("compression", compression);
        }
        if (tables != null) {
            body.set("tables", ApiClient.json().valueToTree(tables));
        }
        JsonNode link = api().post("/api/v1/backups/" + id + "/download-links", body);
        // the link is absolute (the API builds it from the request's host); resolve it anyway should a proxy
        // rewrite it to a path
        URI url = api().base().resolve(link.path("url").asText());
        ApiClient.Download response = api().stream(url);
        long expected = response.length();
        if ("-".equals(file)) {
            try (InputStream in = response.body()) {
                long n = copy(in, io().out());
                io().out().flush();
                checkLength(n, expected);
            }
            return ExitCode.OK;
        }
        // without -o: the server's file name, its last part only (never a path out of the current directory)
        Path target = file != null ? Path.of(file)
                : Path.of(link.path("filename").asText("backup-" + id).replace('\\', '/')).getFileName();
        long size;
        try (InputStream in = response.body()) {
            size = PartFile.write(target, out -> checkLength(copy(in, out), expected));
        } catch (IOException e) {
            throw new CliException(ExitCode.SERVER, "download of backup " + id + " broke off: " + e.getMessage(), e);
        }
        output().note("backup " + id + " written to " + target + " (" + Formats.bytes(size) + ")");
        if (output().quiet()) {
            io().out().println(target);
        }
        return ExitCode.OK;
    }

    /** A copy in 256 KiB reads: fewer system calls than transferTo's 16 KiB on a stream of hundreds of MB. */
    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[256 << 10];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static void checkLength(long received, long expected) {
        if (expected >= 0 && received != expected) {
            throw new CliException(ExitCode.SERVER, "download broke off after " + received + " of " + expected
                    + " bytes");
        }
    }
}
