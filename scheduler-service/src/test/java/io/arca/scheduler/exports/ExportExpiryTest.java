package io.arca.scheduler.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.scheduler.CatalogRows;
import io.arca.storage.ObjectStoreProducer;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The export expiry against the real catalog and bucket. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class ExportExpiryTest {
    @Inject
    ExportSweeper sweeper;
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    ObjectStoreProducer storage;

    private String object(CatalogRows rows, UUID export, String name) {
        String key = RepositoryLayout.exportKey(rows.tenantId.toString(), export.toString(), name);
        store.put(key, ("bytes of " + name).getBytes());
        return key;
    }

    @Test
    void expiredFinishedExportsLoseTheirObjectsAndAreMarkedDeletedOthersAreLeftAlone() throws Exception {
        storage.ensureBucket();
        CatalogRows rows = new CatalogRows(db);
        UUID backup = rows.completedBackup();
        UUID completed = rows.export(backup, "completed", -10, null);
        String completedKey = object(rows, completed, "shop-20261130T081500Z.sql.gz");
        rows.exec("update exports set object_key = ? where id = ?", completedKey, completed);
        // a failed export whose partial upload was not discarded: no object_key, an object under its prefix
        UUID failed = rows.export(backup, "failed", -10, null);
        String partialKey = object(rows, failed, "shop-20261130T081500Z.zip");
        UUID fresh = rows.export(backup, "completed", 3600, null);
        String freshKey = object(rows, fresh, "shop-20261130T081500Z.sql");
        rows.exec("update exports set object_key = ? where id = ?", freshKey, fresh);
        UUID running = rows.export(backup, "running", -10, null);
        String runningKey = object(rows, running, "shop-20261130T081500Z.tar");

        assertThat(sweeper.sweep()).isEqualTo(2);

        assertThat(store.exists(completedKey)).isFalse();
        assertThat(store.exists(partialKey)).isFalse();
        assertThat(rows.text("select count(*)::text from exports where id in (?, ?) and deleted_at <= now()",
                completed, failed)).isEqualTo("2");
        assertThat(store.exists(freshKey)).as("not expired yet").isTrue();
        assertThat(store.exists(runningKey)).as("still running").isTrue();
        assertThat(rows.text("select count(*)::text from exports where id in (?, ?) and deleted_at is null",
                fresh, running)).isEqualTo("2");
        assertThat(rows.text("select object_key from exports where id = ?", completed))
                .as("the row stays, so a late request answers 410").isEqualTo(completedKey);

        // a second sweep finds nothing more, and an export deleted earlier (expires_at = now) goes next time
        assertThat(sweeper.sweep()).isZero();
        rows.exec("update exports set expires_at = now() where id = ?", fresh);
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(store.exists(freshKey)).isFalse();
    }
}
