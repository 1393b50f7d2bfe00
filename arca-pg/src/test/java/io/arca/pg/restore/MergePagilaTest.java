package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.RestoreOptions.Mode;
import io.arca.pg.RestoreOptions.OnConflict;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.Datasets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A merge restore of pagila's payments (partitioned by month; skipped when ../shared/datasets is absent). */
class MergePagilaTest {
    /** The payments of the partitions that have a primary key (the ones merged). */
    private static final String PAYMENTS = "select payment_id::text, p::text from public.payment p "
            + "where tableoid::regclass::text ~ '^payment_p2007_0[1-6]$'";
    private final PgTestSupport pg = new PgTestSupport();

    @AfterEach
    void dropDatabases() {
        pg.close();
    }

    @Test
    void deletedPaymentsComeBackAndUpdatedOnesStayAsTheyAreNow() throws Exception {
        Path pagila = Datasets.requirePagila();
        PgConnectionSpec db = pg.freshDatabase("pagila merge");
        pg.loadSqlFile(db, pagila.resolve("pagila-schema.sql"));
        pg.loadSqlFile(db, pagila.resolve("pagila-data.sql"));
        MemoryArchive archive = new MemoryArchive();
        archive.withEntries(new PgDumper().dump(db, DumpOptions.full(), archive));
        Map<String, String> backedUp = rows(db, PAYMENTS);
        pg.execute(db, "delete from public.payment where payment_id % 10 = 0",
                "update public.payment set amount = amount + 1 where payment_id % 20 = 1");
        Map<String, String> now = rows(db, PAYMENTS);
        long deleted = backedUp.size() - now.size();
        assertThat(deleted).isGreaterThan(backedUp.size() / 11);
        long othersNow = pg.count(db, "select count(*) from public.payment") - now.size();

        // the partitions holding rows in this pagila version have a primary key; the catch-all ones do not
        List<DumpEntry> all = archive.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA
                && e.table().startsWith("payment_p")).toList();
        var before = TableChecksums.capture(db);
        assertThatThrownBy(() -> MergeRestore.run(db, all, archive, OnConflict.SKIP, false))
                .isInstanceOfSatisfying(PgEngineException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.NO_PRIMARY_KEY))
                .hasMessageContaining("public.payment_p0000_default").hasMessageContaining("public.payment_p2007_07_max");
        assertThat(TableChecksums.capture(db)).isEqualTo(before);

        List<DumpEntry> keyed = all.stream().filter(e -> e.table().matches("payment_p2007_0[1-6]")).toList();
        MergeResult dry = MergeRestore.run(db, keyed, archive, OnConflict.SKIP, true);
        assertThat(rows(db, PAYMENTS)).isEqualTo(now);
        MergeResult merged = MergeRestore.run(db, keyed, archive, OnConflict.SKIP, false);

        assertThat(dry.tables()).isEqualTo(merged.tables());
        assertThat(merged.inserted()).isEqualTo(deleted);
        assertThat(merged.overwritten()).isZero();
        Map<String, String> expected = new TreeMap<>(now);
        backedUp.forEach(expected::putIfAbsent);
        assertThat(rows(db, PAYMENTS)).as("row by row").isEqualTo(expected);
        assertThat(pg.count(db, "select count(*) from public.payment") - expected.size()).as("other partitions")
                .isEqualTo(othersNow);
    }

    @Test
    void dryRunsOfPagilaChangeNothing() throws Exception {
        Path pagila = Datasets.requirePagila();
        PgConnectionSpec db = pg.freshDatabase("pagila preview");
        pg.loadSqlFile(db, pagila.resolve("pagila-schema.sql"));
        pg.loadSqlFile(db, pagila.resolve("pagila-data.sql"));
        MemoryArchive archive = new MemoryArchive().withKnownSizes();
        archive.withEntries(new PgDumper().dump(db, DumpOptions.full(), archive));
        pg.execute(db, "delete from public.payment where payment_id % 10 = 0");
        PgRestorer restorer = new PgRestorer();

        RestorePreview merge = TargetUnchanged.preview(pg, db, () -> restorer.preview(db, RestoreOptions.full()
                .withTables("public.payment_p2007_01", "public.payment_p2007_02", "public.payment_p2007_03",
                        "public.payment_p2007_04", "public.payment_p2007_05", "public.payment_p2007_06").withMode(Mode.MERGE).withOnConflict(OnConflict.OVERWRITE),
                archive));
        assertThat(merge.conflicts().blocking()).isEmpty();
        assertThat(merge.tables()).hasSize(6).allSatisfy(t -> assertThat(t.merge().inserted())
                .isEqualTo(t.rows() - t.rowsNow()));
        RestorePreview replace = TargetUnchanged.preview(pg, db, () -> restorer.preview(db, RestoreOptions.full()
                .withTables("public.customer", "public.rental").withDropExisting(true), archive));
        assertThat(replace.objectsToDrop()).containsEntry("TABLE", 2);
        assertThat(replace.foreignKeysLeftOut()).isNotEmpty();
        RestorePreview whole = TargetUnchanged.preview(pg, db, () -> restorer.preview(db, RestoreOptions.full(),
                archive));
        assertThat(whole.conflicts().blocking()).singleElement().asString().contains("public.actor");
    }

    private Map<String, String> rows(PgConnectionSpec db, String sql) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }
}
