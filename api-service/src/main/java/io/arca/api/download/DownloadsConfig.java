package io.arca.api.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Signed download links, under {@code arca.downloads.}. */
@ConfigMapping(prefix = "arca.downloads")
public interface DownloadsConfig {

    /**
     * Base64 of at least 32 random bytes ({@code openssl rand -base64 32}) that signs download links (HMAC-SHA-256).
     * Unset: derived from {@code arca.security.master-key} (HMAC-SHA-256 of "arca download links v1" under it), so
     * every API replica signs alike. Changing it invalidates every link issued before.
     */
    Optional<String> signingKey();

    /**
     * Public base URL of the API that links start with, e.g. {@code https://arca.example.com} (behind a proxy).
     * Unset: the scheme, host and port the link request came to.
     */
    Optional<String> baseUrl();

    /**
     * Downloads this API instance streams at once; one more is refused with 503 {@code too-many-downloads} and
     * {@code Retry-After}. Each holds the chunks its reader fetches ahead (up to 5 chunks of up to 4 MiB, encoded
     * and plain), so the default keeps 4 downloads within the 256 MiB heap arca-local gives the API (measured:
     * docs/benchmarks.md, "Downloads"). Larger files for many readers: exports.
     */
    @WithDefault("4")
    int maxConcurrent();

    /**
     * Seconds of the lease a download holds on its backup while it streams ({@code backup_readers}), renewed every
     * third of it; a delete job waits for live leases, and the lease of a crashed API simply expires.
     */
    @WithDefault("60")
    int readerLeaseSeconds();
}
