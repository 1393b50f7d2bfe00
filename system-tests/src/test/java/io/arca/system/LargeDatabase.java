package io.arca.system;

import java.util.UUID;

/**
 * One database of a few hundred MB, generated once for the module and registered as a source: shared by the
 * bounded-memory and crash tests, which only read it.
 */
final class LargeDatabase {
    /** pgbench scale: 3,000,000 accounts (about 290 MB of COPY text) plus the 200,000-row extras table. */
    static final int SCALE = 30;
    static final long ACCOUNTS = SCALE * 100_000L;
    private static LargeDatabase instance;

    final String name;
    final UUID sourceId;

    private LargeDatabase(String name, UUID sourceId) {
        this.name = name;
        this.sourceId = sourceId;
    }

    static synchronized LargeDatabase of(ArcaSystem arca) throws Exception {
        if (instance == null) {
            long started = System.nanoTime();
            String name = arca.sources.pgbench(SCALE);
            System.out.printf("large database %s generated in %d s%n", name,
                    (System.nanoTime() - started) / 1_000_000_000L);
            instance = new LargeDatabase(name, arca.client().createSource(arca.env, name));
        }
        return instance;
    }
}
