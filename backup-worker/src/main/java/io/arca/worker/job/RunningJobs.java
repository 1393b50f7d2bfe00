package io.arca.worker.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs running in this process, for the shutdown: wait for them within the grace, then stop the rest so they are
 * released ({@link JobContext#stopForRelease}). The executor adds a job before its lease keeper starts and removes it
 * after its outcome was written, so "no job here" means no job row is {@code running} for this worker.
 */
@ApplicationScoped
public class RunningJobs {
    private final Set<JobContext> jobs = ConcurrentHashMap.newKeySet();

    void add(JobContext job) {
        jobs.add(job);
    }

    void remove(JobContext job) {
        synchronized (jobs) {
            jobs.remove(job);
            jobs.notifyAll();
        }
    }

    public int count() {
        return jobs.size();
    }

    /** What runs, e.g. {@code [backup 6f1c… attempt 1]}, for the shutdown's log lines. */
    public List<String> describe() {
        return jobs.stream().map(j -> j.job().describe()).sorted().toList();
    }

    /** Waits until no job runs or {@code timeout} passed; true when none runs. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (jobs) {
            while (!jobs.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                jobs.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Stops every running job for release; returns how many were stopped. */
    public int stopAllForRelease(String reason) {
        List<JobContext> now = List.copyOf(jobs);
        now.forEach(j -> j.stopForRelease(reason));
        return now.size();
    }
}
