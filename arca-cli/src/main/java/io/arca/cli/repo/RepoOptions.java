package io.arca.cli.repo;

import io.arca.cli.CliException;
import io.arca.cli.CliIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the repository is and how to open it, without any Arca service: the S3 endpoint, bucket and credentials, and
 * the master key. Flags first, then the environment; secrets (S3 secret, master key) only from the environment or a
 * file, never as flag values.
 */
public class RepoOptions {
    @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint (default: ARCA_S3_ENDPOINT)")
    String endpoint;
    @Option(names = "--bucket", description = "bucket (default: ARCA_S3_BUCKET)")
    String bucket;
    @Option(names = "--region", description = "region (default: ARCA_S3_REGION, else us-east-1)")
    String region;
    @Option(names = "--master-key-file", paramLabel = "FILE", description = "the master key (base64) from FILE "
            + "('-': stdin) instead of ARCA_MASTER_KEY")
    Path masterKeyFile;

    String endpoint(CliIo io) {
        return require(endpoint, io, "ARCA_S3_ENDPOINT", "--endpoint");
    }

    String bucket(CliIo io) {
        return require(bucket, io, "ARCA_S3_BUCKET", "--bucket");
    }

    String region(CliIo io) {
        return region != null ? region : io.env("ARCA_S3_REGION") != null ? io.env("ARCA_S3_REGION") : "us-east-1";
    }

    String accessKey(CliIo io) {
        return firstEnv(io, "ARCA_S3_ACCESS_KEY", "AWS_ACCESS_KEY_ID");
    }

    String secretKey(CliIo io) {
        return firstEnv(io, "ARCA_S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY");
    }

    /** The master key (base64), or null when none is given (a repository of unencrypted backups needs none). */
    String masterKey(CliIo io) {
        if (masterKeyFile == null) {
            return io.env("ARCA_MASTER_KEY");
        }
        try {
            byte[] bytes = masterKeyFile.toString().equals("-") ? io.in().readAllBytes()
                    : Files.readAllBytes(masterKeyFile);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw CliException.usage("cannot read --master-key-file " + masterKeyFile + ": " + e.getMessage());
        }
    }

    /** Keys a rotation retired but that may still wrap older data keys: ARCA_PREVIOUS_MASTER_KEYS, comma-separated. */
    List<String> previousMasterKeys(CliIo io) {
        String list = io.env("ARCA_PREVIOUS_MASTER_KEYS");
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    private static String require(String flag, CliIo io, String variable, String flagName) {
        String value = flag != null ? flag : io.env(variable);
        if (value == null) {
            throw CliException.usage("no " + flagName.substring(2) + ": set " + variable + " or pass " + flagName);
        }
        return value;
    }

    private static String firstEnv(CliIo io, String name, String alternative) {
        String value = io.env(name) != null ? io.env(name) : io.env(alternative);
        if (value == null) {
            throw CliException.usage("no S3 credentials: set " + name + " (or " + alternative + ")");
        }
        return value;
    }
}
