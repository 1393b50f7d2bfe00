package io.arca.worker.restore;

import io.arca.worker.job.Columns;
import io.arca.worker.job.TableJobProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one restore: plaintext bytes fed to the target, tables loaded, and the phase. */
final class RestoreProgress extends TableJobProgress {
    private final AtomicLong bytes = new AtomicLong();

    void bytes(long n) {
        bytes.addAndGet(n);
        changed();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    protected void addColumns(Columns columns) {
        columns.set("bytes_restored", bytes.get());
    }

    @Override
    protected void addEventData(Map<String, Object> data) {
        data.put("bytesRestored", bytes.get());
    }
}
