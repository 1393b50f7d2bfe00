package io.arca.api.console.backup;

import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.common.Page;
import io.arca.api.contents.BackupContents;
import io.arca.api.contents.ContentsDtos.EntryView;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A page of a backup's contents (the API's contents query), only for a backup that has them. */
@ApplicationScoped
public class BackupTablesReader {
    static final String PAGE_SIZE = "100";

    @Inject
    BackupContents contents;

    BackupTables read(BackupView backup, String cursor) {
        if (!"completed".equals(backup.state())) {
            return BackupTables.unavailable("The tables are listed once the backup has completed.");
        }
        if (!BackupLifecycle.LIVE.equals(backup.lifecycle())) {
            return BackupTables.unavailable("This backup is " + backup.lifecycle() + ": its contents are gone.");
        }
        Page<EntryView> page;
        try {
            page = contents.list(backup.id(), PAGE_SIZE, cursor);
        } catch (ProblemException e) {
            // the rest of the page (state, sizes, actions) stays useful when the contents cannot be read, e.g. while
            // the object store is unreachable or a manifest is missing
            return BackupTables.unavailable("The tables cannot be listed now: " + e.getMessage());
        }
        String next = page.nextCursor() == null ? null : BackupPages.PATH + "/" + backup.id() + "?tablesCursor="
                + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8) + "#tables";
        return new BackupTables(page.items(), next, cursor == null || cursor.isEmpty(), null);
    }
}
