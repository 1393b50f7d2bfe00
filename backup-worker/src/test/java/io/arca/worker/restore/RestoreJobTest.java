package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Backup, then restore into a database that does not exist yet, through the real topic, catalog and bucket. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreJobTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;

    @Test
    void encryptedBackupRestoresIntoANewDatabaseWithEqualContents() throws Exception {
        Fixtures f = new Fixtures(db);
        String sourceDb = f.sourceDatabase(30_000);
        UUID source = f.source(sourceDb);
        UUID backup = f.pendingBackup(source, "{\"encrypt\":true}");
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, backup)).isEqualTo("completed");

        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        UUID restore = f.pendingRestore(backup, source, target);
        f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, 1));
        try {
            assertThat(f.await("select coalesce(error, state) from restores where id = ?", "completed", WAIT, restore))
                    .isEqualTo("completed");
            assertThat(f.text("select tables_done || '/' || tables_total || '/' || (bytes_restored > 0) "
                    + "from restores where id = ?", restore)).isEqualTo("2/2/true");
            assertThat(f.text("select string_agg(payload->>'type', ',' order by id) from outbox where stream = 'events' "
                    + "and message_key = ? and payload->>'type' <> 'restore.progress'", restore.toString()))
                    .isEqualTo("restore.started,restore.completed");

            DatabaseFingerprint original = TableChecksums.capture(f.spec(sourceDb));
            DatabaseFingerprint restored = TableChecksums.capture(f.spec(target));
            assertThat(restored.differencesFrom(original)).isEmpty();
            assertThat(f.text("select concat_ws('/', result->>'database', result->'tables'->'public.customers'->>'rows', "
                    + "result->'tables'->'public.customers'->>'rowsInBackup', result->>'rows', "
                    + "result->'foreignKeysLeftOut') from restores where id = ?", restore))
                    .isEqualTo("created/30000/30000/90000/[]");
            assertThat(f.text("select result->'clientTools'->>'pgRestore' from restores where id = ?", restore))
                    .endsWith("/pg_restore");
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }

    /** One table of two into a new database: its foreign key to the table left out is skipped and reported. */
    @Test
    void aSelectedTablesForeignKeyToATableLeftOutIsReportedInTheResult() throws Exception {
        Fixtures f = new Fixtures(db);
        String sourceDb = f.sourceDatabase(500);
        UUID source = f.source(sourceDb);
        UUID backup = f.completedBackup(source, "{}");
        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        UUID restore = new RestoreRows(f).pending(backup, source, target, "{\"tables\": [\"public.orders\"]}", false);
        try {
            assertThat(new RestoreRows(f).run(restore, 1)).as(f.text("select error from restores where id = ?",
                    restore)).isEqualTo("completed");
            assertThat(f.text("select concat_ws('/', tables_done, tables_total, result->>'tablesRestored', "
                    + "result->'tables'->'public.orders'->>'rows') from restores where id = ?", restore))
                    .isEqualTo("1/1/1/1000");
            assertThat(f.text("select result->>'foreignKeysLeftOut' from restores where id = ?", restore))
                    .contains("orders_customer_id_fkey");
            assertThat(TableChecksums.capture(f.spec(target)).tables()).containsOnlyKeys("public.orders")
                    .containsEntry("public.orders", TableChecksums.capture(f.spec(sourceDb)).tables()
                            .get("public.orders"));
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }

    @Test
    void aManifestReplacedInTheBucketAfterTheBackupIsRefusedBeforeTheTargetDatabaseIsCreated() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, backup)).isEqualTo("completed");

        // a well-formed manifest of this very backup that lists one table fewer: it decodes like the original, only
        // the digest the backup recorded in the catalog tells them apart
        String manifestKey = f.text("select manifest_key from backups where id = ?", backup);
        String recorded = f.text("select manifest_sha256 from backups where id = ?", backup);
        Manifest original = ManifestFormat.decode(store.get(manifestKey), f.tenantId.toString(), backup.toString(),
                KeyRing.none());
        List<ManifestEntry> fewer = original.entries().stream()
                .filter(e -> !"orders".equals(e.table())).toList();
        assertThat(fewer).hasSize(original.entries().size() - 1);
        store.put(manifestKey, ManifestFormat.encode(new Manifest(original.formatVersion(), original.toolVersion(),
                original.tenant(), original.backupId(), original.createdAt(), original.source(), original.options(),
                fewer), null));

        String target = "never_created_" + UUID.randomUUID().toString().substring(0, 8);
        UUID restore = f.pendingRestore(backup, source, target);
        f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, 1));

        assertThat(f.await("select state from restores where id = ?", "failed", WAIT, restore)).isEqualTo("failed");
        assertThat(f.text("select error from restores where id = ?", restore)).startsWith("manifest-mismatch: ")
                .contains(recorded).contains(ManifestFormat.sha256(store.get(manifestKey)))
                .contains("replaced or altered");
        assertThat(f.text("select count(*)::text from pg_database where datname = ?", target)).isEqualTo("0");
    }

    @Test
    void restoreOfABackupThatIsNotCompletedFails() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source("irrelevant");
        UUID backup = f.pendingBackup(source, "{}");
        f.exec("update backups set state = 'failed' where id = ?", backup);
        UUID restore = f.pendingRestore(backup, source, "never_created");
        f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, 1));

        assertThat(f.await("select state from restores where id = ?", "failed", WAIT, restore)).isEqualTo("failed");
        assertThat(f.text("select error from restores where id = ?", restore)).startsWith("backup-not-restorable: ");
    }

    /** Contradicting or mistyped options fail the restore as invalid-options before anything is read or created. */
    @Test
    void contradictingOrMistypedOptionsFailTheRestoreBeforeTheTargetDatabaseIsCreated() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source("irrelevant");
        UUID backup = f.pendingBackup(source, "{}");
        // completed as far as the catalog knows; the options are refused before the manifest would be read
        f.exec("update backups set state = 'completed', manifest_key = 'not-read', manifest_sha256 = 'not-read' "
                + "where id = ?", backup);
        String target = "never_created_" + UUID.randomUUID().toString().substring(0, 8);
        String[][] cases = {
                {"{\"schemaOnly\": true, \"dataOnly\": true}", "schemaOnly and dataOnly exclude each other: choose one"},
                {"{\"mode\": \"merge\"}", "a merge restore needs tables and excludes schemaOnly, dataOnly and dropExisting"},
                {"{\"dropExisting\": \"yes\"}", "dropExisting must be true or false, was \"yes\""},
                {"{\"onConflict\": \"replace\"}", "onConflict must be one of \"skip\", \"overwrite\", was \"replace\""},
                {"{\"tables\": \"public.orders\"}", "tables must be an array of table patterns"},
                {"{\"parallelism\": 0}", "parallelism must be at least 1, was 0"},
        };
        for (String[] c : cases) {
            UUID restore = f.pendingRestore(backup, source, target);
            f.exec("update restores set options = cast(? as jsonb) where id = ?", c[0], restore);
            f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, 1));
            assertThat(f.await("select state from restores where id = ?", "failed", WAIT, restore)).isEqualTo("failed");
            assertThat(f.text("select error from restores where id = ?", restore)).as(c[0])
                    .isEqualTo("invalid-options: " + c[1]);
        }
        assertThat(f.text("select count(*)::text from pg_database where datname = ?", target)).isEqualTo("0");
    }

    /** A source of the test server under the other loopback name, configured with its postgres database. */
    private static UUID aliasSource(Fixtures f) throws Exception {
        UUID alias = f.source("postgres");
        f.exec("update sources set host = ? where id = ?", "localhost".equals(f.env.pgHost()) ? "127.0.0.1" : "localhost",
                alias);
        return alias;
    }

    @Test
    void theCatalogAndTheBackedUpDatabaseAreRefusedByServerIdentityBeforeAnythingIsWritten() throws Exception {
        Fixtures f = new Fixtures(db);
        String sourceDb = f.sourceDatabase(100);
        UUID source = f.source(sourceDb);
        UUID backup = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, backup)).isEqualTo("completed");
        UUID alias = aliasSource(f);
        String catalog = f.text("select current_database()");
        String tablesInCatalog = f.text("select count(*)::text from pg_tables where schemaname = 'public'");

        // as if the API had not looked (it refuses these too when it reaches the target): the worker checks itself
        UUID intoCatalog = f.pendingRestore(backup, alias, catalog);
        f.publish(alias.toString(), Fixtures.jobMessage(intoCatalog, "restore", f.tenantId, alias, 1));
        assertThat(f.await("select state from restores where id = ?", "failed", WAIT, intoCatalog)).isEqualTo("failed");
        assertThat(f.text("select error from restores where id = ?", intoCatalog))
                .startsWith("target-is-catalog: ").contains(catalog);
        assertThat(f.text("select count(*)::text from pg_tables where schemaname = 'public'"))
                .as("nothing restored into the catalog").isEqualTo(tablesInCatalog);

        UUID overItself = f.pendingRestore(backup, alias, sourceDb);
        f.publish(alias.toString(), Fixtures.jobMessage(overItself, "restore", f.tenantId, alias, 1));
        assertThat(f.await("select state from restores where id = ?", "failed", WAIT, overItself)).isEqualTo("failed");
        assertThat(f.text("select error from restores where id = ?", overItself))
                .startsWith("target-is-backed-up-database: ");
    }
}
