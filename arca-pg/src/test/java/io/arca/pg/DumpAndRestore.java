package io.arca.pg;

import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestoreResult;

/**
 * A dump into memory and its full restore into a fresh database, the common step of the round-trip tests. The
 * restorer builds every table's own indexes and constraints right after its load (however short), so the round trips
 * prove that split of post-data too. The archive takes segments, as the worker's does: tables of at least twice the
 * options' split size are dumped as block ranges and loaded in parallel.
 */
public record DumpAndRestore(DumpResult result, MemoryArchive archive, PgConnectionSpec target, RestoreResult restore) {

    public static DumpAndRestore of(PgTestSupport pg, PgConnectionSpec source, DumpOptions options) {
        return of(pg, source, options, RestoreOptions.full());
    }

    public static DumpAndRestore of(PgTestSupport pg, PgConnectionSpec source, DumpOptions options,
                             RestoreOptions restoreOptions) {
        MemoryArchive archive = new MemoryArchive().withSegments();
        DumpResult result = new PgDumper().dump(source, options, archive);
        archive.withEntries(result);
        PgConnectionSpec target = pg.freshDatabase("restored");
        RestoreResult restore = new PgRestorer(PgTools.locate(), java.time.Duration.ZERO)
                .restore(target, restoreOptions, archive);
        return new DumpAndRestore(result, archive, target, restore);
    }
}
