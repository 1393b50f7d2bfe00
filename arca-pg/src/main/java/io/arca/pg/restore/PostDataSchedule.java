package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Post-data applied in two steps, as {@code pg_restore -j} does: a table's own indexes and primary-key, unique,
 * exclusion and check constraints are built as soon as its rows are in, by the load session that loaded it, while
 * other tables still load; everything else (foreign keys, which need a second table's rows and unique index,
 * triggers, rules, materialized view data, partition index attachments, ...) after all data, with parallel jobs. The
 * split comes from the dump ({@link EntrySource#postDataItemTables()}): item catalog ids as {@code pg_restore --list}
 * shows them, to data entries.
 *
 * <p>A table that loaded in less than {@code earlyAfter} (by default {@link #EARLY_AFTER}) keeps its items for the
 * final step: one pg_restore process per small table would cost more than it overlaps. The post-data entry (DDL
 * only, small) is spooled to a temporary file readable by this user only, with the item lists beside it;
 * {@link #close} deletes them.
 */
final class PostDataSchedule implements AutoCloseable {
    static final Duration EARLY_AFTER = Duration.ofSeconds(1);
    /** {@code <dump id>; <catalog table oid> <object oid> <type> ...}, as pg_restore --list writes an item. */
    private static final Pattern TOC_ITEM = Pattern.compile("(\\d+); (\\d+) (\\d+) .*");

    private final PgTools tools;
    private final PgConnectionSpec target;
    private final RestoreOptions options;
    private final Path spool;
    private final Duration earlyAfter;
    /** Every item in table-of-contents order, with the data entry it builds on (null: final step). */
    private final List<Item> items;
    private final Set<String> appliedEarly = ConcurrentHashMap.newKeySet();
    private final List<Path> lists = new ArrayList<>();

    record Item(String line, String dataEntry) {
    }

    private PostDataSchedule(PgTools tools, PgConnectionSpec target, RestoreOptions options, Path spool,
                             Duration earlyAfter, List<Item> items) {
        this.tools = tools;
        this.target = target;
        this.options = options;
        this.spool = spool;
        this.earlyAfter = earlyAfter;
        this.items = items;
    }

    /**
     * Spools {@code postData} and splits its items; null when the source does not know the split or the listing
     * cannot be read (then post-data runs whole, after all data, as {@link SchemaRestore#run} does).
     */
    static PostDataSchedule prepare(PgTools tools, PgConnectionSpec target, RestoreOptions options,
                                    DumpEntry postData, EntrySource source, Duration earlyAfter)
            throws InterruptedException {
        Map<String, String> itemTables = source.postDataItemTables();
        if (itemTables.isEmpty()) {
            return null;
        }
        Path spool = SchemaRestore.spool(postData, source);
        try {
            List<Item> items = split(SchemaRestore.tableOfContents(tools, spool, postData.name()), itemTables);
            if (items == null) {
                SchemaRestore.deleteQuietly(spool);
                return null;
            }
            return new PostDataSchedule(tools, target, options, spool, earlyAfter, items);
        } catch (RuntimeException | InterruptedException e) {
            SchemaRestore.deleteQuietly(spool);
            throw e;
        }
    }

    /**
     * The items of a {@code pg_restore --list} output with the data entry each builds on (null: none known), in
     * order; null when a line is neither a comment nor an item this class can read, so that a pg_restore whose
     * listing looks different makes the restore apply post-data whole rather than leave items out.
     */
    static List<Item> split(List<String> tableOfContents, Map<String, String> itemTables) {
        List<Item> items = new ArrayList<>();
        for (String line : tableOfContents) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            Matcher m = TOC_ITEM.matcher(line);
            if (!m.matches()) {
                return null;
            }
            items.add(new Item(line, itemTables.get(m.group(2) + "/" + m.group(3))));
        }
        return items;
    }

    /**
     * Called by the load session that has just loaded {@code dataEntry} in {@code took}: builds that table's own
     * indexes and constraints now, in one transaction, unless the load was too short to be worth a process.
     */
    void tableLoaded(DumpEntry dataEntry, Duration took) throws InterruptedException {
        if (took.compareTo(earlyAfter) < 0) {
            return;
        }
        String name = dataEntry.name();
        List<String> own = items.stream().filter(i -> name.equals(i.dataEntry())).map(Item::line).toList();
        if (own.isEmpty()) {
            return;
        }
        SchemaRestore.runSpooled(tools, target, options, spool, list(own), 1,
                "pg_restore of the indexes and constraints of " + dataEntry.qualifiedTable());
        appliedEarly.add(name);
    }

    /** The items no load session applied, in table-of-contents order, with the restore's parallel jobs. */
    void finish() throws InterruptedException {
        List<String> rest = items.stream()
                .filter(i -> i.dataEntry() == null || !appliedEarly.contains(i.dataEntry()))
                .map(Item::line).toList();
        if (!rest.isEmpty()) {
            SchemaRestore.runSpooled(tools, target, options, spool, list(rest), options.parallelism(),
                    "pg_restore of post-data");
        }
    }

    private synchronized Path list(List<String> lines) {
        Path list = SchemaRestore.writeList(lines);
        lists.add(list);
        return list;
    }

    @Override
    public synchronized void close() {
        lists.forEach(SchemaRestore::deleteQuietly);
        SchemaRestore.deleteQuietly(spool);
    }
}
