package io.arca.export;

import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntrySource;
import io.arca.pg.ForeignKeyTables;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dump's entries as arca-pg reads them, straight from the backup's chunks: sizes from the manifest, streams
 * from any offset (whole chunks before it are skipped), every chunk verified before a byte of it is handed out.
 */
public final class BackupEntrySource implements EntrySource {
    private final BackupContent content;
    private final Map<String, ManifestEntry> byName;

    public BackupEntrySource(BackupContent content) {
        this.content = content;
        this.byName = content.manifest().entries().stream()
                .collect(Collectors.toMap(ManifestEntry::name, Function.identity(), (a, b) -> a));
        for (DumpEntry e : content.plan().entries()) {
            if (!byName.containsKey(e.name())) {
                throw new ArchiveException("the dump plan of backup " + content.manifest().backupId() + " names "
                        + "entry " + e.name() + ", which its manifest does not hold");
            }
        }
    }

    @Override
    public List<DumpEntry> entries() {
        return content.plan().entries();
    }

    @Override
    public Map<String, String> postDataItemTables() {
        return content.plan().postDataItemTables();
    }

    @Override
    public Map<String, ForeignKeyTables> foreignKeyTables() {
        return content.plan().foreignKeyTables();
    }

    @Override
    public Map<Long, DumpRelation> relations() {
        return content.plan().relations();
    }

    @Override
    public Map<String, Long> itemRelations() {
        return content.plan().itemRelations();
    }

    @Override
    public InputStream open(DumpEntry entry) {
        return open(entry, 0);
    }

    @Override
    public InputStream open(DumpEntry entry, long offset) {
        return content.reader().openEntry(byName.get(entry.name()), offset);
    }

    /** A segmented entry's segment sizes (a table dumped split), so a restore loads them in parallel. */
    @Override
    public List<Long> segmentSizes(DumpEntry entry) {
        return byName.get(entry.name()).segmentSizes();
    }

    /** One segment, checked against its own hash. */
    @Override
    public InputStream openSegment(DumpEntry entry, int segment) {
        return content.reader().openSegment(byName.get(entry.name()), segment);
    }

    @Override
    public OptionalLong size(DumpEntry entry) {
        return OptionalLong.of(byName.get(entry.name()).size());
    }
}
