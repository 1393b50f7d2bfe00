package io.arca.api.console.overview;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the overview page shows: the tenant's totals, a page of sources, running jobs and recent failures. */
public record Overview(Totals totals, List<SourceRow> sources, int page, int pages, String query, String status,
                       List<JobRow> running, List<Failure> failures) {

    public record Totals(int sources, int ok, int late, int never, long backups, long storedBytes) {
    }

    /** One source: its recovery point, proof of restore, next run and storage. */
    public record SourceRow(UUID id, String name, String host, String database, Instant lastSuccessfulBackupAt,
                            String rpoStatus, String drillStatus, Instant lastProvenRestorableAt, Instant nextRunAt,
                            long backups, long storedBytes, long logicalBytes) {

        /** Logical bytes per stored byte over its live backups; null before the first one. */
        public Double dedupRatio() {
            return storedBytes == 0 ? null : (double) logicalBytes / storedBytes;
        }
    }

    /** A backup or restore that is queued or running, with its progress. */
    public record JobRow(String kind, UUID id, UUID sourceId, String sourceName, String state, String phase,
                         int tablesDone, int tablesTotal, long bytes, Instant startedAt) {

        public int percent() {
            return tablesTotal <= 0 ? 0 : Math.min(100, tablesDone * 100 / tablesTotal);
        }

        public String href() {
            return "/console/" + kind + "s/" + id;
        }
    }

    /** A backup or restore that failed lately, with its reason. */
    public record Failure(String kind, UUID id, String sourceName, String error, Instant at) {

        public String href() {
            return "/console/" + kind + "s/" + id;
        }
    }

    /** The overview's address for another page with the same filters. */
    public String pageHref(int number) {
        return "/console?page=" + number + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&status="
                + URLEncoder.encode(status, StandardCharsets.UTF_8);
    }

    public String previousHref() {
        return pageHref(page - 1);
    }

    public String nextHref() {
        return pageHref(page + 1);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
