package io.arca.jobs.progress;

import io.arca.jobs.JobColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The counters every table-by-table job reports (phase, tables done/total) and the change count that lets the lease
 * keeper skip unchanged progress. Subclasses add their own counters through {@link #addColumns} and
 * {@link #addEventData}, and call {@link #changed()} when one moves. Thread-safe.
 */
public abstract class TableJobProgress implements ProgressSource {
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicInteger tablesTotal = new AtomicInteger();
    private final AtomicReference<String> phase = new AtomicReference<>("starting");
    private final AtomicLong changes = new AtomicLong();

    public void phase(String value) {
        phase.set(value);
        changed();
    }

    public void tablesTotal(int value) {
        tablesTotal.set(value);
        changed();
    }

    /** Raises the total to at least {@code started} (tables discovered while running). */
    public void tablesAtLeast(int started) {
        tablesTotal.accumulateAndGet(started, Math::max);
    }

    public void tableDone() {
        tablesDone.incrementAndGet();
        changed();
    }

    public int tablesDone() {
        return tablesDone.get();
    }

    public int tablesTotal() {
        return tablesTotal.get();
    }

    public String phase() {
        return phase.get();
    }

    protected void changed() {
        changes.incrementAndGet();
    }

    /** The subclass's own column values for the job row. */
    protected abstract void addColumns(JobColumns columns);

    /** The subclass's own fields of the progress event, between the phase and the table counts. */
    protected abstract void addEventData(Map<String, Object> data);

    @Override
    public long changeCount() {
        return changes.get();
    }

    @Override
    public JobColumns columns() {
        JobColumns columns = new JobColumns().set("phase", phase.get());
        addColumns(columns);
        return columns.set("tables_done", tablesDone.get()).set("tables_total", tablesTotal.get());
    }

    @Override
    public Map<String, Object> eventData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", phase.get());
        addEventData(data);
        data.put("tablesDone", tablesDone.get());
        data.put("tablesTotal", tablesTotal.get());
        return data;
    }
}
