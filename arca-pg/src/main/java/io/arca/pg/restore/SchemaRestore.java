package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TocItem;
import io.arca.pg.internal.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a PRE_DATA, LARGE_OBJECTS or POST_DATA entry with {@code pg_restore} straight into the target database,
 * stopping at the first error: pre-data and large objects in one transaction (a failure leaves nothing of that
 * section behind), post-data with parallel jobs when the restore's parallelism allows (see {@link #runParallel}).
 */
final class SchemaRestore {
    private SchemaRestore() {
    }

    static void run(PgTools tools, PgConnectionSpec target, DumpEntry entry, EntrySource source,
                    RestoreOptions options) throws InterruptedException {
        if (entry.kind() == EntryKind.POST_DATA && options.parallelism() > 1) {
            runParallel(tools, target, entry, source, options);
            return;
        }
        List<String> cmd = command(tools, target, options);
        cmd.add("--single-transaction");
        if (options.dropExisting() && entry.kind() == EntryKind.PRE_DATA) {
            // drops every object of the dump that exists (tables with their indexes, constraints and triggers),
            // in dependency order, inside the same transaction as the re-creation
            cmd.addAll(List.of("--clean", "--if-exists"));
        }
        ToolProcess p = ToolProcess.start(cmd, target, "pg_restore of " + entry.name(), true);
        try (InputStream in = EntryReader.open(source, entry)) {
            pipe(in, p.stdin(), entry, p);
            p.awaitSuccess(Reason.RESTORE_FAILED);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "closing entry " + entry.name());
        } finally {
            p.destroy();
        }
    }

    /**
     * Post-data (indexes, constraints, triggers) with {@code pg_restore -j}: index builds are most of a restore's
     * time after the data, and they run in parallel like {@code pg_restore -j} does. Parallel pg_restore needs a
     * seekable archive, so the entry (DDL only, small) is spooled to a file readable by this user only, and it
     * cannot run as one transaction: a failure part-way leaves the objects created so far, and the restore fails.
     */
    private static void runParallel(PgTools tools, PgConnectionSpec target, DumpEntry entry, EntrySource source,
                                    RestoreOptions options) throws InterruptedException {
        Path spool = spool(entry, source);
        try {
            runSpooled(tools, target, options, spool, null, options.parallelism(), "pg_restore of " + entry.name());
        } finally {
            deleteQuietly(spool);
        }
    }

    /** The entry in a new temporary file (0600 on POSIX file systems); the caller deletes it. */
    static Path spool(DumpEntry entry, EntrySource source) {
        Path spool;
        try {
            spool = Files.createTempFile("arca-" + entry.kind().label() + "-", ".dump");
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "spooling " + entry.name() + " to a temporary file");
        }
        try (InputStream in = EntryReader.open(source, entry); OutputStream out = Files.newOutputStream(spool)) {
            EntryReader.copy(in, out, entry);
            return spool;
        } catch (EntryReader.SourceFailure e) {
            deleteQuietly(spool);
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "reading " + entry.name());
        } catch (IOException e) {
            deleteQuietly(spool);
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "spooling " + entry.name() + " to " + spool);
        } catch (RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
    }

    /**
     * Runs pg_restore on a spooled archive: the items of {@code list} ({@code pg_restore --use-list}; null: all), with
     * {@code jobs} parallel sessions, or in one transaction when {@code jobs} is 1.
     */
    static void runSpooled(PgTools tools, PgConnectionSpec target, RestoreOptions options, Path spool, Path list,
                           int jobs, String description) throws InterruptedException {
        runSpooled(tools, target, options, spool, list, jobs, false, description);
    }

    /**
     * As above; {@code clean}: drop each listed object that exists first ({@code --clean --if-exists}).
     *
     * <p>With parallel jobs, foreign keys run after the other items in one session: pg_restore orders two foreign
     * keys that lock the same tables only by the TABLE DATA items they depend on, which a post-data-only archive
     * lacks, so two keys of a cycle (pagila's store and staff reference each other) could run at once and deadlock.
     */
    static void runSpooled(PgTools tools, PgConnectionSpec target, RestoreOptions options, Path spool, Path list,
                           int jobs, boolean clean, String description) throws InterruptedException {
        if (jobs > 1) {
            List<String> items = list != null ? readList(list) : tableOfContents(tools, spool, description);
            List<String> foreignKeys = new ArrayList<>();
            List<String> others = new ArrayList<>();
            splitForeignKeys(items, foreignKeys, others);
            if (!foreignKeys.isEmpty()) {
                Path othersList = writeList(others);
                Path keysList = writeList(foreignKeys);
                try {
                    run(tools, target, options, spool, othersList, jobs, clean, description);
                    run(tools, target, options, spool, keysList, 1, clean, description + " (foreign keys)");
                } finally {
                    deleteQuietly(othersList);
                    deleteQuietly(keysList);
                }
                return;
            }
        }
        run(tools, target, options, spool, list, jobs, clean, description);
    }

    /** Whether a {@code pg_restore --list} line is a foreign key (run after the parallel items, in one session). */
    static boolean isForeignKey(String tocLine) {
        return "FK CONSTRAINT".equals(descOf(tocLine));
    }

    /** The item's description ({@link TocItem#desc()}); null for a comment or blank line of the listing. */
    private static String descOf(String tocLine) {
        return tocLine.isBlank() || tocLine.startsWith(";") ? null : TocItem.parse(tocLine).desc();
    }

    /**
     * Splits listing lines into the foreign keys, each with the comments and security labels pg_dump lists right
     * after it (they name the key, so they must follow it), and the rest, both in listing order.
     */
    static void splitForeignKeys(List<String> items, List<String> foreignKeys, List<String> others) {
        boolean afterForeignKey = false;
        for (String item : items) {
            String desc = descOf(item);
            if ("FK CONSTRAINT".equals(desc)) {
                afterForeignKey = true;
                foreignKeys.add(item);
            } else if (afterForeignKey && ("COMMENT".equals(desc) || "SECURITY LABEL".equals(desc))) {
                foreignKeys.add(item);
            } else {
                afterForeignKey = afterForeignKey && desc == null;
                others.add(item);
            }
        }
    }

    private static List<String> readList(Path list) {
        try {
            return Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "reading the pg_restore item list " + list);
        }
    }

    /**
     * The lines in a new {@code pg_restore --use-list} file in the temporary directory (where the spools are; 0600 on
     * POSIX file systems); the caller deletes it.
     */
    static Path writeList(List<String> lines) {
        try {
            Path list = Files.createTempFile("arca-items-", ".list");
            Files.write(list, lines, StandardCharsets.UTF_8);
            return list;
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "writing a pg_restore item list");
        }
    }

    private static void run(PgTools tools, PgConnectionSpec target, RestoreOptions options, Path spool, Path list,
                            int jobs, boolean clean, String description) throws InterruptedException {
        List<String> cmd = command(tools, target, options);
        cmd.add(jobs > 1 ? "--jobs=" + jobs : "--single-transaction");
        if (clean) {
            cmd.addAll(List.of("--clean", "--if-exists"));
        }
        if (list != null) {
            cmd.add("--use-list=" + list);
        }
        cmd.add(spool.toString());
        ToolProcess p = ToolProcess.start(cmd, target, description, true);
        try {
            p.stdin().close();
            p.awaitSuccess(Reason.RESTORE_FAILED);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "starting " + description);
        } finally {
            p.destroy();
        }
    }

    /** {@code pg_restore --list} of a spooled archive: its table of contents, one item per line. */
    static List<String> tableOfContents(PgTools tools, Path spool, String description) throws InterruptedException {
        ToolProcess p = ToolProcess.start(List.of(tools.pgRestore().toString(), "--list", spool.toString()), null,
                "pg_restore --list of " + description, false);
        try {
            p.stdin().close();
            String toc;
            try (InputStream out = p.stdout()) {
                toc = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.awaitSuccess(Reason.RESTORE_FAILED);
            return toc.lines().toList();
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "listing " + description);
        } finally {
            p.destroy();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file holds DDL only; nothing to do but leave it
        }
    }

    private static List<String> command(PgTools tools, PgConnectionSpec target, RestoreOptions options) {
        List<String> cmd = new ArrayList<>(List.of(tools.pgRestore().toString(), "--exit-on-error",
                "--no-password", "--dbname=" + Identifiers.conninfoDbname(target.database())));
        if (options.skipOwnership()) {
            cmd.addAll(List.of("--no-owner", "--no-privileges"));
        }
        return cmd;
    }

    private static void pipe(InputStream in, OutputStream stdin, DumpEntry entry, ToolProcess p)
            throws InterruptedException {
        try (stdin) {
            EntryReader.copy(in, stdin, entry);
        } catch (IOException e) {
            // pg_restore stopped reading: it failed, and its stderr says why
            p.awaitSuccess(Reason.RESTORE_FAILED);
            throw new PgEngineException(Reason.RESTORE_FAILED, "pg_restore of " + entry.name()
                    + " stopped reading its input: " + e.getMessage(), e);
        }
    }
}
