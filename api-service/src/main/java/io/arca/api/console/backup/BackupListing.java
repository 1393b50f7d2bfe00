package io.arca.api.console.backup;

import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.common.job.JobState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One page of the backups list: its rows with their source names, the filters it was asked with, and the links to
 * the first and next page (keyset cursor, as the API's Page: no offset, so page 200 costs what page 1 does).
 */
public record BackupListing(List<Row> rows, Filters filters, String nextHref, String firstHref, boolean isFirstPage) {

    public record Row(BackupView backup, String sourceName) {
    }

    /** The list's filters as given (null or empty: not filtered). */
    public record Filters(String sourceId, String state, String lifecycle) {
        static final List<String> STATES = Arrays.stream(JobState.values()).map(JobState::wireName).toList();

        public List<String> states() {
            return STATES;
        }

        public List<String> lifecycles() {
            return BackupLifecycle.ALL;
        }

        public boolean isSource(UUID id) {
            return id.toString().equals(sourceId);
        }

        public boolean any() {
            return given(sourceId) || given(state) || given(lifecycle);
        }

        String query(String cursor) {
            Map<String, String> params = new LinkedHashMap<>();
            put(params, "sourceId", sourceId);
            put(params, "state", state);
            put(params, "lifecycle", lifecycle);
            put(params, "cursor", cursor);
            String query = params.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return BackupPages.PATH + (query.isEmpty() ? "" : "?" + query);
        }

        private static void put(Map<String, String> params, String name, String value) {
            if (given(value)) {
                params.put(name, value);
            }
        }

        private static boolean given(String value) {
            return value != null && !value.isEmpty();
        }
    }

    static BackupListing of(List<Row> rows, Filters filters, String nextCursor, boolean firstPage) {
        return new BackupListing(rows, filters, nextCursor == null ? null : filters.query(nextCursor),
                filters.query(null), firstPage);
    }
}
