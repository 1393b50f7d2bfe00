package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.TocItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-data and post-data entries of a dump spooled to temporary files (DDL only, small; readable by this user
 * only), with their tables of contents: a plan reads the listings, a restore runs pg_restore on the files with the
 * plan's item lists. {@link #close} deletes the files. Data-only restores read neither.
 */
final class SchemaSpools implements AutoCloseable {
    private final Path preData;
    private final Path postData;
    private final List<TocItem> preDataItems;
    private final List<String> postDataListing;
    private final List<Path> lists = new ArrayList<>();

    private SchemaSpools(Path preData, Path postData, List<TocItem> preDataItems, List<String> postDataListing) {
        this.preData = preData;
        this.postData = postData;
        this.preDataItems = preDataItems;
        this.postDataListing = postDataListing;
    }

    static SchemaSpools read(PgTools tools, EntrySource source, RestoreOptions options) throws InterruptedException {
        if (!options.restoresSchema()) {
            return new SchemaSpools(null, null, List.of(), List.of());
        }
        Path pre = null;
        Path post = null;
        try {
            DumpEntry preEntry = find(source, EntryKind.PRE_DATA);
            DumpEntry postEntry = find(source, EntryKind.POST_DATA);
            List<TocItem> preItems = List.of();
            List<String> postListing = List.of();
            if (preEntry != null) {
                pre = SchemaRestore.spool(preEntry, source);
                preItems = parse(SchemaRestore.tableOfContents(tools, pre, preEntry.name()), preEntry);
            }
            if (postEntry != null) {
                post = SchemaRestore.spool(postEntry, source);
                postListing = SchemaRestore.tableOfContents(tools, post, postEntry.name());
            }
            return new SchemaSpools(pre, post, preItems, postListing);
        } catch (RuntimeException | InterruptedException e) {
            deleteQuietly(pre);
            deleteQuietly(post);
            throw e;
        }
    }

    /** The spooled pre-data archive, null when the dump has none. */
    Path preData() {
        return preData;
    }

    /** The spooled post-data archive, null when the dump has none. */
    Path postData() {
        return postData;
    }

    List<TocItem> preDataItems() {
        return preDataItems;
    }

    /** {@code pg_restore --list} of post-data as printed (comment lines included). */
    List<String> postDataListing() {
        return postDataListing;
    }

    /** The lines in a new {@code --use-list} file beside the spools, deleted on {@link #close}. */
    synchronized Path itemList(List<String> lines) {
        Path list = SchemaRestore.writeList(lines);
        lists.add(list);
        return list;
    }

    @Override
    public synchronized void close() {
        deleteQuietly(preData);
        deleteQuietly(postData);
        lists.forEach(SchemaSpools::deleteQuietly);
    }

    private static DumpEntry find(EntrySource source, EntryKind kind) {
        return source.entries().stream().filter(e -> e.kind() == kind).findFirst().orElse(null);
    }

    private static List<TocItem> parse(List<String> listing, DumpEntry entry) {
        try {
            return TocItem.parseAll(listing);
        } catch (IllegalArgumentException e) {
            throw new PgEngineException(Reason.SOURCE_FAILED, "pg_restore --list of " + entry.name()
                    + " has a line this version does not read: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            SchemaRestore.deleteQuietly(file);
        }
    }
}
