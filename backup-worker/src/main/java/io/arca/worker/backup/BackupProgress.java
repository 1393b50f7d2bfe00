package io.arca.worker.backup;

import io.arca.archive.write.ProgressListener;
import io.arca.archive.write.WriteProgress;
import io.arca.jobs.JobColumns;
import io.arca.jobs.progress.TableJobProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of one backup: the archive writer's progress plus tables done/total and the phase. */
final class BackupProgress extends TableJobProgress implements ProgressListener {
    private final AtomicReference<WriteProgress> write = new AtomicReference<>(WriteProgress.ZERO);

    @Override
    public void onProgress(WriteProgress progress) {
        write.set(progress);
        changed();
    }

    /** A table data entry was opened: the total is at least the number of tables started. */
    void tableStarted(int started) {
        tablesAtLeast(started);
    }

    WriteProgress write() {
        return write.get();
    }

    @Override
    protected void addColumns(JobColumns columns) {
        WriteProgress p = write.get();
        columns.set("bytes_read", p.bytesRead()).set("bytes_stored", p.bytesStored())
                .set("chunks_new", p.chunksNew()).set("chunks_reused", p.chunksReused());
    }

    @Override
    protected void addEventData(Map<String, Object> data) {
        WriteProgress p = write.get();
        data.put("bytesRead", p.bytesRead());
        data.put("bytesStored", p.bytesStored());
        data.put("chunksNew", p.chunksNew());
        data.put("chunksReused", p.chunksReused());
    }
}
