package io.arca.worker.deletion;

import io.arca.jobs.JobColumns;
import io.arca.jobs.progress.TableJobProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one delete job: objects removed under the backup's prefix, chunk references dropped. */
final class DeletionProgress extends TableJobProgress {
    private final AtomicLong objectsDeleted = new AtomicLong();
    private final AtomicLong referencesRemoved = new AtomicLong();

    void objectsDeleted(long n) {
        objectsDeleted.addAndGet(n);
        changed();
    }

    void referencesRemoved(long n) {
        referencesRemoved.addAndGet(n);
        changed();
    }

    long objectsDeleted() {
        return objectsDeleted.get();
    }

    long referencesRemoved() {
        return referencesRemoved.get();
    }

    @Override
    protected void addColumns(JobColumns columns) {
        columns.set("objects_deleted", (int) Math.min(Integer.MAX_VALUE, objectsDeleted.get()))
                .set("references_removed", referencesRemoved.get());
    }

    @Override
    protected void addEventData(Map<String, Object> data) {
        data.put("objectsDeleted", objectsDeleted.get());
        data.put("referencesRemoved", referencesRemoved.get());
    }
}
