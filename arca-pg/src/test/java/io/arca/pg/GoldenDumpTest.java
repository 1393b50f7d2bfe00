package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.restore.PgRestorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden vectors of a PostgreSQL dump, committed under {@code src/test/resources/golden/dump-v1}: every entry of a
 * small database ({@link #DATABASE}) exactly as the engine wrote it ({@code entries/<entry name>}), with its dump
 * plan ({@code dump-plan.json}). The current engine restores them on every build, so a change that cannot read
 * backups already in buckets fails here. Never regenerate them to make this test pass; add a directory next to them
 * when a format changes on purpose. To create: {@code -Dtest=GoldenDumpTest -Darca.golden.regenerate=true}.
 */
class GoldenDumpTest {
    static final Path DIR = Path.of("src/test/resources/golden/dump-v1");
    /** One of each kind of entry, with values COPY text must escape and names that need quoting. */
    static final String[] DATABASE = {
        "CREATE SCHEMA \"my schema\"",
        "CREATE TABLE public.film (film_id serial PRIMARY KEY, title text NOT NULL, note text)",
        "INSERT INTO public.film (title, note) VALUES ('Academy Dinosaur', NULL), "
                + "(E'Tab\\tand \"quote\"', E'line 1\\nline 2 \\\\ back'), ('Grüße', '')",
        "CREATE INDEX film_title ON public.film (title)",
        "CREATE TABLE \"my schema\".\"Weird \"\"Name\"\" ü\" (id int PRIMARY KEY, \"Wert \"\"ü\"\"\" text, "
                + "film_id int REFERENCES public.film)",
        "INSERT INTO \"my schema\".\"Weird \"\"Name\"\" ü\" VALUES (1, 'eins', 1), (2, NULL, 3)",
        "CREATE TABLE public.empty (id int)",
        "CREATE SEQUENCE public.standalone_seq START 1000",
        "SELECT pg_catalog.nextval('public.standalone_seq')",
        "SELECT pg_catalog.lo_from_bytea(424242, 'golden large object'::bytea)"};

    private static PgTestSupport pg;

    @BeforeAll
    static void setUp() {
        pg = new PgTestSupport();
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "arca.golden.regenerate", matches = "true")
    void regenerate() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca golden");
        pg.execute(source, DATABASE);
        if (Files.exists(DIR)) {
            try (Stream<Path> old = Files.walk(DIR)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        MemoryArchive archive = new MemoryArchive();
        DumpResult result = new PgDumper().dump(source, DumpOptions.full(), archive);
        for (DumpEntry e : result.entries()) {
            Path file = DIR.resolve("entries").resolve(e.name());
            Files.createDirectories(file.getParent());
            Files.write(file, archive.bytes.get(e.name()).toByteArray());
        }
        Files.write(DIR.resolve("dump-plan.json"), result.plan().encode());
    }

    @Test
    void entriesAreNamedKindedAndWrittenAsDocumented() throws Exception {
        DumpPlan plan = plan();
        assertThat(plan.entries()).extracting(DumpEntry::kind).containsExactly(EntryKind.PRE_DATA,
                EntryKind.TABLE_DATA, EntryKind.TABLE_DATA, EntryKind.TABLE_DATA, EntryKind.LARGE_OBJECTS,
                EntryKind.SEQUENCE_VALUES, EntryKind.POST_DATA);
        assertThat(plan.entries()).extracting(DumpEntry::name).filteredOn(n -> !n.startsWith("data/"))
                .containsExactly("pre-data", "large-objects", "sequence-values", "post-data");
        assertThat(plan.entries()).filteredOn(e -> e.kind() == EntryKind.TABLE_DATA)
                .allSatisfy(e -> assertThat(e.name()).matches("data/[1-9][0-9]*"));
        assertThat(plan.entries())
                .allSatisfy(e -> assertThat(DIR.resolve("entries").resolve(e.name())).isRegularFile());

        DumpEntry film = table(plan, "public", "film");
        assertThat(film.columns()).containsExactly("film_id", "title", "note");
        assertThat(plan.rowCounts()).containsEntry(film.name(), 3L);
        assertThat(text(film.name())).isEqualTo("1\tAcademy Dinosaur\t\\N\n"
                + "2\tTab\\tand \"quote\"\tline 1\\nline 2 \\\\ back\n" + "3\tGrüße\t\n");
        DumpEntry weird = table(plan, "my schema", "Weird \"Name\" ü");
        assertThat(weird.columns()).containsExactly("id", "Wert \"ü\"", "film_id");
        assertThat(text(weird.name())).isEqualTo("1\teins\t1\n2\t\\N\t3\n");
        assertThat(text(table(plan, "public", "empty").name())).isEmpty();
        assertThat(text("sequence-values").lines()).contains(
                "SELECT pg_catalog.set_config('search_path', '', false);",
                "SELECT pg_catalog.setval('\"public\".\"standalone_seq\"', 1000, true);",
                "SELECT pg_catalog.setval('\"public\".\"film_film_id_seq\"', 3, true);");
        for (String custom : List.of("pre-data", "large-objects", "post-data")) {
            assertThat(new String(bytes(custom), 0, 5, StandardCharsets.US_ASCII)).as(custom).isEqualTo("PGDMP");
        }
        assertThat(plan.postDataItemTables()).isNotEmpty().containsValue(film.name());
    }

    @Test
    void theCurrentEngineRestoresThem() throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca golden restored");
        // owners are left out: the role that wrote the golden dump need not exist here
        new PgRestorer().restore(target, RestoreOptions.full().withSkipOwnership(true), new GoldenEntries(plan()));

        try (Connection c = pg.connect(target); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT film_id || '|' || title || '|' || coalesce(note, '<null>') FROM public.film "
                    + "ORDER BY film_id")).containsExactly("1|Academy Dinosaur|<null>",
                    "2|Tab\tand \"quote\"|line 1\nline 2 \\ back", "3|Grüße|");
            assertThat(rows(s, "SELECT id || '|' || coalesce(\"Wert \"\"ü\"\"\", '<null>') || '|' || film_id "
                    + "FROM \"my schema\".\"Weird \"\"Name\"\" ü\" ORDER BY id"))
                    .containsExactly("1|eins|1", "2|<null>|3");
            assertThat(rows(s, "SELECT count(*) FROM public.empty")).containsExactly("0");
            assertThat(rows(s, "SELECT pg_catalog.nextval('public.standalone_seq')")).containsExactly("1001");
            assertThat(rows(s, "SELECT pg_catalog.nextval('public.film_film_id_seq')")).containsExactly("4");
            assertThat(rows(s, "SELECT convert_from(pg_catalog.lo_get(424242), 'UTF8')"))
                    .containsExactly("golden large object");
            assertThat(rows(s, "SELECT indexname FROM pg_catalog.pg_indexes WHERE tablename = 'film' ORDER BY 1"))
                    .containsExactly("film_pkey", "film_title");
            assertThat(rows(s, "SELECT count(*) FROM pg_catalog.pg_constraint WHERE contype = 'f'"))
                    .containsExactly("1");
        }
    }

    static DumpPlan plan() throws IOException {
        return DumpPlan.decode(Files.readAllBytes(DIR.resolve("dump-plan.json")));
    }

    private static DumpEntry table(DumpPlan plan, String schema, String table) {
        return plan.entries().stream().filter(e -> schema.equals(e.schema()) && table.equals(e.table()))
                .findFirst().orElseThrow();
    }

    private static byte[] bytes(String entry) throws IOException {
        return Files.readAllBytes(DIR.resolve("entries").resolve(entry));
    }

    private static String text(String entry) throws IOException {
        return new String(bytes(entry), StandardCharsets.UTF_8);
    }

    private static List<String> rows(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    /** The golden entries as a restore reads them. */
    private record GoldenEntries(DumpPlan plan) implements EntrySource {
        @Override
        public List<DumpEntry> entries() {
            return plan.entries();
        }

        @Override
        public Map<String, String> postDataItemTables() {
            return plan.postDataItemTables();
        }

        @Override
        public InputStream open(DumpEntry entry) throws IOException {
            return Files.newInputStream(DIR.resolve("entries").resolve(entry.name()));
        }
    }
}
