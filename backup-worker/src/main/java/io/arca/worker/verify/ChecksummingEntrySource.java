package io.arca.worker.verify;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.verify.CopyTextChecksum;
import io.arca.worker.job.JobContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backup as a restore reads it (every chunk checked, each entry's SHA-256 checked at its end), computing each table
 * data entry's {@link CopyTextChecksum} from the bytes on their way into the scratch database: the archive side of
 * the comparison, read once. Stops reading once the job's lease is lost.
 */
final class ChecksummingEntrySource implements EntrySource {
    private final BackupReader reader;
    private final Manifest manifest;
    private final DumpPlan plan;
    private final JobContext context;
    private final VerifyProgress progress;
    private final Map<String, CopyTextChecksum> checksums = new ConcurrentHashMap<>();

    ChecksummingEntrySource(BackupReader reader, Manifest manifest, DumpPlan plan, JobContext context,
            VerifyProgress progress) {
        this.reader = reader;
        this.manifest = manifest;
        this.plan = plan;
        this.context = context;
        this.progress = progress;
    }

    @Override
    public List<DumpEntry> entries() {
        return plan.entries();
    }

    @Override
    public Map<String, String> postDataItemTables() {
        return plan.postDataItemTables();
    }

    @Override
    public String serverVersion() {
        return plan.serverVersion();
    }

    /** The checksum of each table data entry read to its end, by entry name. */
    CopyTextChecksum checksum(DumpEntry entry) {
        return checksums.get(entry.name());
    }

    @Override
    public InputStream open(DumpEntry entry) throws IOException {
        check();
        InputStream in = reader.openEntry(manifest, entry.name());
        if (entry.kind() != EntryKind.TABLE_DATA) {
            return in;
        }
        CopyTextChecksum checksum = new CopyTextChecksum();
        return new FilterInputStream(in) {
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check();
                int n = super.read(b, off, len);
                if (n > 0) {
                    checksum.write(b, off, n);
                } else if (n < 0 && !ended) {
                    // the end of the entry, whose size and SHA-256 the reader has just checked
                    ended = true;
                    checksums.put(entry.name(), checksum);
                    progress.tableDone();
                }
                return n;
            }
        };
    }

    private void check() throws IOException {
        if (context.isCancelled()) {
            throw new IOException("verification stopped: " + context.cancelReason());
        }
    }
}
