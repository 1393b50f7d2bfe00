package io.arca.api.gc;

import io.arca.api.job.JobRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A garbage collection run, as the API reads it (recorded by {@code io.arca.jobs.GcRuns}, run by the worker). */
@Entity
@Table(name = "gc_runs")
public class GcRun extends JobRow {
    /** schedule or admin. */
    @Column(nullable = false)
    public String trigger;
    @Column(name = "grace_seconds", nullable = false)
    public long graceSeconds;
    @Column(nullable = false)
    public Instant cutoff;
    @Column(name = "resume_after")
    public String resumeAfter;
    @Column(name = "chunks_scanned")
    public long chunksScanned;
    @Column(name = "chunks_deleted")
    public long chunksDeleted;
    @Column(name = "bytes_freed")
    public long bytesFreed;
    @Column(name = "orphans_adopted")
    public long orphansAdopted;
}
