package io.arca.worker.backup;

import io.arca.archive.write.ProgressListener;
import io.arca.archive.write.WriteProgress;
import io.arca.worker.job.Columns;
import io.arca.worker.job.ProgressSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of one backup: the archive writer's progress plus tables done/total and the phase. */
final class BackupProgress implements ProgressListener, ProgressSource {
    private final AtomicReference<WriteProgress> write = new AtomicReference<>(WriteProgress.ZERO);
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicInteger tablesTotal = new AtomicInteger();
    private final AtomicReference<String> phase = new AtomicReference<>("starting");
    private final AtomicLong changes = new AtomicLong();

    @Override
    public void onProgress(WriteProgress progress) {
        write.set(progress);
        changes.incrementAndGet();
    }

    void phase(String value) {
        phase.set(value);
        changes.incrementAndGet();
    }

    void tablesTotal(int value) {
        tablesTotal.set(value);
        changes.incrementAndGet();
    }

    /** A table data entry was opened: the total is at least the number of tables started. */
    void tableStarted(int started) {
        tablesTotal.accumulateAndGet(started, Math::max);
    }

    void tableDone() {
        tablesDone.incrementAndGet();
        changes.incrementAndGet();
    }

    WriteProgress write() {
        return write.get();
    }

    int tablesDone() {
        return tablesDone.get();
    }

    @Override
    public long changeCount() {
        return changes.get();
    }

    @Override
    public Columns columns() {
        WriteProgress p = write.get();
        return new Columns().set("phase", phase.get()).set("bytes_read", p.bytesRead())
                .set("bytes_stored", p.bytesStored()).set("chunks_new", p.chunksNew())
                .set("chunks_reused", p.chunksReused()).set("tables_done", tablesDone.get())
                .set("tables_total", tablesTotal.get());
    }

    @Override
    public Map<String, Object> eventData() {
        WriteProgress p = write.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", phase.get());
        data.put("bytesRead", p.bytesRead());
        data.put("bytesStored", p.bytesStored());
        data.put("chunksNew", p.chunksNew());
        data.put("chunksReused", p.chunksReused());
        data.put("tablesDone", tablesDone.get());
        data.put("tablesTotal", tablesTotal.get());
        return data;
    }
}
