package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksum;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers of the selective restore tests: fingerprints of some tables, schema dumps, a failing source. */
final class RestoreFixtures {
    private RestoreFixtures() {
    }

    /**
     * What a fingerprint says about these tables ({@code schema.table}): rows and checksums, their indexes,
     * constraints and triggers, and the given sequences' values.
     */
    static List<String> about(DatabaseFingerprint fp, List<String> tables, List<String> sequences) {
        List<String> lines = new ArrayList<>();
        SortedMap<String, TableChecksum> rows = new TreeMap<>(fp.tables());
        for (String t : tables) {
            lines.add("table " + t + " " + rows.get(t));
            String qualified = " ON " + t + " ";
            fp.indexes().stream().filter(i -> i.contains(qualified)).forEach(i -> lines.add("index " + i));
            fp.constraints().stream().filter(c -> c.startsWith(t + ".")).forEach(c -> lines.add("constraint " + c));
            fp.triggers().stream().filter(c -> c.startsWith(t + ".")).forEach(c -> lines.add("trigger " + c));
        }
        for (String s : sequences) {
            lines.add("sequence " + s + " " + fp.sequences().get(s));
        }
        return lines;
    }

    /**
     * The fingerprint without these tables (the rest of a database, which a restore must not touch) and without
     * domain constraints (a restore creates the domains the target lacks).
     */
    static List<String> allBut(DatabaseFingerprint fp, List<String> tables) {
        List<String> lines = new ArrayList<>();
        fp.tables().forEach((t, c) -> {
            if (!tables.contains(t)) {
                lines.add("table " + t + " " + c);
            }
        });
        new TreeSet<>(fp.constraints()).stream().filter(c -> tables.stream().noneMatch(t -> c.startsWith(t + ".")))
                .filter(c -> !c.matches("[^.]*\\.\\..*"))
                .forEach(c -> lines.add("constraint " + c));
        return lines;
    }

    /** {@code pg_dump --schema-only} of the database, for byte-for-byte comparisons of definitions. */
    static String schemaDump(PgConnectionSpec spec) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(PgTools.locate().pgDump().toString(), "--schema-only",
                "--no-password", "--dbname=" + io.arca.pg.Identifiers.conninfoDbname(spec.database()));
        pb.environment().putAll(spec.libpqEnvironment());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pg_dump --schema-only failed");
        }
        // the restrict key is random per run
        return out.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** The archive, except that opening the {@code failAt}-th table data entry fails (a source lost mid-way). */
    static MemoryArchive failingAtTable(MemoryArchive archive, int failAt) {
        AtomicInteger tableOpens = new AtomicInteger();
        return new MemoryArchive() {
            @Override
            public List<DumpEntry> entries() {
                return archive.entries();
            }

            @Override
            public Map<String, String> postDataItemTables() {
                return archive.postDataItemTables();
            }

            @Override
            public Map<String, io.arca.pg.ForeignKeyTables> foreignKeyTables() {
                return archive.foreignKeyTables();
            }

            @Override
            public Map<Long, io.arca.pg.DumpRelation> relations() {
                return archive.relations();
            }

            @Override
            public Map<String, Long> itemRelations() {
                return archive.itemRelations();
            }

            @Override
            public InputStream open(DumpEntry entry) {
                if (entry.kind() == EntryKind.TABLE_DATA && tableOpens.incrementAndGet() == failAt) {
                    return new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw new IOException("bucket unreachable (injected)");
                        }
                    };
                }
                return archive.open(entry);
            }
        };
    }
}
