package io.arca.export;

import io.arca.archive.chunk.ChunkerConfig;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntryOutputStream;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.WriterOptions;
import io.arca.common.crypto.SecretSealer;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntrySink;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database dumped by arca-pg's {@link PgDumper} into an encrypted backup in an in-memory bucket, as the worker
 * writes one (small chunks, so entries span many), and read back as the API and the worker read it.
 */
record TestBackup(InMemoryObjectStore store, DataKeys master, String tenant, String backupId, DumpResult dump,
                  PgConnectionSpec source) {
    /** Small chunks: every table of the test databases spans several, so ranges and skips cross chunk boundaries. */
    static final ChunkerConfig SMALL_CHUNKS = new ChunkerConfig(4096, 16384, 65536);

    static TestBackup of(PgConnectionSpec source, DumpOptions options) throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        DataKeys master = new DataKeys(new SecretSealer(masterKey));
        String tenant = UUID.randomUUID().toString();
        String backupId = UUID.randomUUID().toString();
        WrappedDataKey wrapped = master.generate(tenant);
        new BucketKeys(store).put(wrapped);
        WriterOptions writerOptions = WriterOptions.defaults().withChunking(SMALL_CHUNKS)
                .withRequestedOptions(Map.of("type", options.type().name().toLowerCase().replace('_', '-')));
        DumpResult dump;
        try (ArchiveWriter writer = ArchiveWriter.builder(store, tenant, backupId).index(new InMemoryChunkIndex())
                .options(writerOptions).encryption(master.unwrap(wrapped), wrapped).open()) {
            dump = new PgDumper().dump(source, options, new Sink(writer));
            writer.writeEntry(EntrySpec.of(DumpPlan.ENTRY_NAME, DumpPlan.ENTRY_KIND),
                    new ByteArrayInputStream(dump.plan().encode()));
            writer.finish();
        }
        return new TestBackup(store, master, tenant, backupId, dump, source);
    }

    /** A reader and the content as the API prepares a download: manifest checked against its recorded digest. */
    BackupContent content(BackupReader reader) throws IOException {
        String sha = ManifestFormat.sha256(store.get(RepositoryLayout.manifestKey(tenant, backupId)));
        return BackupContent.read(reader, store, backupId, sha);
    }

    BackupReader reader() {
        return new BackupReader(store, tenant, new BucketKeys(store).keyRing(tenant, master));
    }

    Manifest manifest() {
        try (BackupReader reader = reader()) {
            return reader.readManifest(backupId);
        }
    }

    /** The dump's entries into the archive, as the worker's sink does. */
    private static final class Sink implements EntrySink {
        private final ArchiveWriter writer;
        private final Map<String, EntryOutputStream> open = new ConcurrentHashMap<>();

        Sink(ArchiveWriter writer) {
            this.writer = writer;
        }

        @Override
        public OutputStream openEntry(DumpEntry entry) {
            EntryOutputStream out = writer.openEntry(new EntrySpec(entry.name(), entry.kind().label(),
                    entry.schema(), entry.table(), null));
            open.put(entry.name(), out);
            return new BufferedOutputStream(new OutputStream() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.write(b, off, len);
                }
            }, 64 * 1024);
        }

        @Override
        public void entryCompleted(DumpEntry entry, long rowCount) {
            EntryOutputStream out = open.remove(entry.name());
            out.setRowCount(rowCount);
            out.finish();
        }
    }
}
