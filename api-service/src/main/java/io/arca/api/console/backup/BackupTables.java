package io.arca.api.console.backup;

import io.arca.api.contents.ContentsDtos.EntryView;
import java.util.List;

/**
 * One page of a backup's contents for its page, or why there is none ({@code unavailable}: not completed, deleted).
 *
 * @param nextHref the next page of entries, null on the last
 */
public record BackupTables(List<EntryView> entries, String nextHref, boolean isFirstPage, String unavailable) {

    static BackupTables unavailable(String why) {
        return new BackupTables(List.of(), null, true, why);
    }

    public boolean isAvailable() {
        return unavailable == null;
    }
}
