package io.arca.worker.restore;

import io.arca.jobs.JobColumns;
import io.arca.jobs.progress.TableJobProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one restore: plaintext bytes fed to the target, tables loaded, and the phase. Once every table's
 * rows are in, a restore that rebuilds the schema is in phase {@value #BUILDING_INDEXES} (the rest of post-data:
 * indexes, constraints, triggers), often its longest stretch without any counter moving.
 */
final class RestoreProgress extends TableJobProgress {
    static final String BUILDING_INDEXES = "building-indexes";
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean rebuildsSchema;

    /** Whether this restore applies post-data (not a dataOnly restore, and the backup has a schema). */
    void rebuildsSchema(boolean value) {
        rebuildsSchema = value;
    }

    @Override
    public void tableDone() {
        super.tableDone();
        if (rebuildsSchema && tablesDone() >= tablesTotal()) {
            phase(BUILDING_INDEXES);
        }
    }

    void bytes(long n) {
        bytes.addAndGet(n);
        changed();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    protected void addColumns(JobColumns columns) {
        columns.set("bytes_restored", bytes.get());
    }

    @Override
    protected void addEventData(Map<String, Object> data) {
        data.put("bytesRestored", bytes.get());
    }
}
