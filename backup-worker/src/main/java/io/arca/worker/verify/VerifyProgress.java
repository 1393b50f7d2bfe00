package io.arca.worker.verify;

import io.arca.archive.verify.Verifier;
import io.arca.jobs.JobColumns;
import io.arca.jobs.progress.TableJobProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one verification: chunks checked of the total and their plaintext bytes while the chunks are read,
 * then (deep) tables restored into the scratch database, and the phase.
 */
final class VerifyProgress extends TableJobProgress implements Verifier.Listener {
    private final AtomicLong chunksChecked = new AtomicLong();
    private final AtomicLong chunksTotal = new AtomicLong();
    private final AtomicLong bytesChecked = new AtomicLong();

    void chunksTotal(long value) {
        chunksTotal.set(value);
        changed();
    }

    @Override
    public void checked(long chunks, long bytes) {
        chunksChecked.set(chunks);
        bytesChecked.set(bytes);
        changed();
    }

    @Override
    protected void addColumns(JobColumns columns) {
        columns.set("chunks_checked", chunksChecked.get()).set("chunks_total", chunksTotal.get())
                .set("bytes_checked", bytesChecked.get());
    }

    @Override
    protected void addEventData(Map<String, Object> data) {
        data.put("chunksChecked", chunksChecked.get());
        data.put("chunksTotal", chunksTotal.get());
        data.put("bytesChecked", bytesChecked.get());
    }
}
