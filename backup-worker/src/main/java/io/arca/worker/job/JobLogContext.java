package io.arca.worker.job;

import io.arca.jobs.ClaimedJob;
import org.jboss.logging.MDC;

/**
 * The job's identity in the logging MDC ({@code jobId}, {@code jobKind}, {@code tenantId}, {@code attempt}), so every
 * line a job logs says whose it is, in the plain format ({@code %X}) and in JSON logs (the {@code mdc} object).
 * JBoss LogManager's MDC is inherited by threads created while it is set, so the pools and readers a job starts
 * (table dumps, chunk compressors, pg_dump's stderr reader) log with it too; a long-lived thread that serves every
 * job (the lease keeper) enters each job's context per task instead ({@link #clear()} at its start).
 */
public final class JobLogContext implements AutoCloseable {
    public static final String JOB_ID = "jobId";
    public static final String JOB_KIND = "jobKind";
    public static final String TENANT_ID = "tenantId";
    public static final String ATTEMPT = "attempt";

    private JobLogContext() {
    }

    /** Puts {@code job}'s fields into this thread's MDC until {@link #close()}. */
    public static JobLogContext enter(ClaimedJob job) {
        MDC.put(JOB_ID, job.id().toString());
        MDC.put(JOB_KIND, job.table().kind().wireName());
        MDC.put(TENANT_ID, job.tenantId().toString());
        MDC.put(ATTEMPT, String.valueOf(job.attempt()));
        return new JobLogContext();
    }

    /** Removes every job field from this thread's MDC (e.g. fields a shared thread inherited from its creator). */
    public static void clear() {
        MDC.remove(JOB_ID);
        MDC.remove(JOB_KIND);
        MDC.remove(TENANT_ID);
        MDC.remove(ATTEMPT);
    }

    @Override
    public void close() {
        clear();
    }
}
