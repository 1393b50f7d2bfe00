package io.arca.worker.restore;

import io.arca.worker.job.Columns;
import io.arca.worker.job.ProgressSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of one restore: plaintext bytes fed to the target, tables loaded, and the phase. */
final class RestoreProgress implements ProgressSource {
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicInteger tablesTotal = new AtomicInteger();
    private final AtomicReference<String> phase = new AtomicReference<>("starting");
    private final AtomicLong changes = new AtomicLong();

    void phase(String value) {
        phase.set(value);
        changes.incrementAndGet();
    }

    void tablesTotal(int value) {
        tablesTotal.set(value);
        changes.incrementAndGet();
    }

    void bytes(long n) {
        bytes.addAndGet(n);
        changes.incrementAndGet();
    }

    void tableDone() {
        tablesDone.incrementAndGet();
        changes.incrementAndGet();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public long changeCount() {
        return changes.get();
    }

    @Override
    public Columns columns() {
        return new Columns().set("phase", phase.get()).set("bytes_restored", bytes.get())
                .set("tables_done", tablesDone.get()).set("tables_total", tablesTotal.get());
    }

    @Override
    public Map<String, Object> eventData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", phase.get());
        data.put("bytesRestored", bytes.get());
        data.put("tablesDone", tablesDone.get());
        data.put("tablesTotal", tablesTotal.get());
        return data;
    }
}
