package io.arca.pg.restore;

import static io.arca.pg.restore.RestoreFixtures.about;
import static io.arca.pg.restore.RestoreFixtures.allBut;
import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpOptions;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTestSupport;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.Datasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pagila (skipped with a message when ../shared/datasets is absent): two related tables ({@code film} and the
 * {@code language} it references) restored into a database holding other tables, from a current backup and from one
 * whose plan predates recorded relations (name matching).
 */
class PagilaSelectiveRestoreTest {
    static final List<String> TABLES = List.of("public.film", "public.language");
    static final List<String> SEQUENCES = List.of("public.film_film_id_seq", "public.language_language_id_seq");
    static PgTestSupport pg;
    static MemoryArchive archive;
    static DumpResult dump;
    static DatabaseFingerprint original;

    @BeforeAll
    static void backUp() throws Exception {
        Path pagila = Datasets.requirePagila();
        pg = new PgTestSupport();
        PgConnectionSpec source = pg.freshDatabase("arca pagila selective");
        pg.loadSqlFile(source, pagila.resolve("pagila-schema.sql"));
        pg.loadSqlFile(source, pagila.resolve("pagila-data.sql"));
        archive = new MemoryArchive();
        dump = new PgDumper().dump(source, DumpOptions.full(), archive);
        archive.withEntries(dump);
        original = TableChecksums.capture(source);
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void filmAndLanguageIntoADatabaseWithOtherTables() throws Exception {
        check(archive);
    }

    @Test
    void theSameFromABackupWithoutRecordedRelations() throws Exception {
        MemoryArchive old = new MemoryArchive();
        old.bytes.putAll(archive.bytes);
        old.withEntries(dump).withoutRelations();
        check(old);
    }

    private static void check(MemoryArchive source) throws Exception {
        PgConnectionSpec target = pg.freshDatabase("arca pagila target");
        pg.execute(target, "CREATE TABLE public.other (id int PRIMARY KEY)",
                "INSERT INTO public.other SELECT generate_series(1, 100)");
        DatabaseFingerprint before = TableChecksums.capture(target);

        RestoreResult result = new PgRestorer().restore(target,
                RestoreOptions.full().withTables("public.film", "public.language"), source, TargetDatabase.EXISTING);

        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(after.tables()).containsOnlyKeys("public.other", "public.film", "public.language");
        assertThat(allBut(after, TABLES)).isEqualTo(allBut(before, TABLES));
        assertThat(about(after, TABLES, SEQUENCES)).isEqualTo(about(original, TABLES, SEQUENCES));
        assertThat(after.triggers()).anyMatch(t -> t.startsWith("public.film.film_fulltext_trigger"));
        assertThat(after.constraints()).anyMatch(c -> c.startsWith("public.film.film_language_id_fkey"));
        assertThat(after.constraints()).anyMatch(c -> c.startsWith("public.film.film_original_language_id_fkey"));
        assertThat(result.foreignKeysLeftOut()).as("both of film's foreign keys reference language").isEmpty();
        assertThat(after.views()).as("views over film are not tables: left out").isEmpty();
        assertThat(result.rowsByTable()).containsEntry("public.film", 1000L);
    }
}
