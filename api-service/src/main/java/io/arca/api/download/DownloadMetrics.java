package io.arca.api.download;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Download meters: {@code arca_downloads_active} (responses streaming now), {@code arca_download_chunks_fetched_total}
 * (chunk objects read for downloads) and {@code arca_download_bytes_sent_total}. A client that goes away must stop
 * both counters at once and bring the gauge back down: the download tests watch exactly that.
 */
@ApplicationScoped
public class DownloadMetrics {
    private final AtomicInteger active = new AtomicInteger();
    private final Counter chunksFetched;
    private final Counter bytesSent;

    public DownloadMetrics(MeterRegistry registry) {
        registry.gauge("arca.downloads.active", active);
        this.chunksFetched = registry.counter("arca.download.chunks.fetched");
        this.bytesSent = registry.counter("arca.download.bytes.sent");
    }

    public int active() {
        return active.get();
    }

    public long chunksFetched() {
        return (long) chunksFetched.count();
    }

    void started() {
        active.incrementAndGet();
    }

    void finished(long bytes) {
        active.decrementAndGet();
        bytesSent.increment(bytes);
    }

    void chunkFetched() {
        chunksFetched.increment();
    }
}
