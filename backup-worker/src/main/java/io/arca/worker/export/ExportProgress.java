package io.arca.worker.export;

import io.arca.jobs.JobColumns;
import io.arca.jobs.progress.TableJobProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one export: bytes of the file written to the bucket so far, and the phase. */
final class ExportProgress extends TableJobProgress {
    private final AtomicLong bytesWritten = new AtomicLong();

    void written(long n) {
        bytesWritten.addAndGet(n);
        changed();
    }

    long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    protected void addColumns(JobColumns columns) {
        columns.set("bytes_written", bytesWritten.get());
    }

    @Override
    protected void addEventData(Map<String, Object> data) {
        data.put("bytesWritten", bytesWritten.get());
    }
}
