package io.arca.api.console.restore;

import io.arca.pg.restore.RestorePreview;
import io.arca.pg.restore.RestorePreview.Conflicts;
import io.arca.pg.restore.RestorePreview.TablePreview;
import io.arca.pg.restore.RestorePreview.Versions;
import io.arca.pg.restore.RestorePreview.WouldOverwrite;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A restore's preview ({@code restores.preview}) as the console shows it: the engine's {@link RestorePreview} (read
 * back into its own record, so the page names the same fields the worker wrote) plus the worker's bucket facts and
 * duration estimate.
 *
 * @param bucket   null when the preview has none (a real restore's preview before the worker read the bucket)
 * @param estimate null likewise
 */
public record PreviewView(RestorePreview engine, List<ObjectChange> objects, Bucket bucket, Estimate estimate) {

    /**
     * Schema objects of one kind ({@code TABLE}, {@code INDEX}, ...) the restore creates, and how many of them it
     * drops first (dropExisting: they exist in the target).
     */
    public record ObjectChange(String kind, int created, int droppedFirst) {
    }

    /** The bucket facts of a dry run: what the restore would read, and whether every chunk of it is there. */
    public record Bucket(long bytesToFetch, long chunksToRead, long chunksMissing, boolean allChunksPresent,
                         String problem) {
    }

    /** @param basis how the estimate was derived, in words */
    public record Estimate(Duration duration, long bytesPerSecond, String basis) {
        /** "about 3 min", or "under a second". */
        public String text() {
            String text = RestorePageView.durationText(duration);
            return duration.compareTo(Duration.ofSeconds(1)) < 0 ? text : "about " + text;
        }
    }

    static PreviewView of(RestorePreview engine, Bucket bucket, Estimate estimate) {
        return new PreviewView(engine, objects(engine.objectsToCreate(), engine.objectsToDrop()), bucket, estimate);
    }

    public boolean databaseExists() {
        return engine.databaseExists();
    }

    public boolean merge() {
        return "merge".equals(engine.mode());
    }

    public List<TablePreview> tables() {
        return engine.tables();
    }

    public Conflicts conflicts() {
        return engine.conflicts();
    }

    public Versions versions() {
        return engine.versions();
    }

    public List<String> blocking() {
        return engine.conflicts().blocking();
    }

    /** Something in the target makes the real run fail before it writes: the wizard offers no confirmation then. */
    public boolean isBlocked() {
        return !engine.conflicts().blocking().isEmpty() || (bucket != null && !bucket.allChunksPresent());
    }

    public List<ExistingTable> overwrittenTables() {
        WouldOverwrite w = engine.wouldOverwrite();
        return w == null ? List.of() : w.tables();
    }

    public List<String> overwrittenSchemas() {
        WouldOverwrite w = engine.wouldOverwrite();
        return w == null ? List.of() : w.schemas();
    }

    public long overwrittenRows() {
        WouldOverwrite w = engine.wouldOverwrite();
        return w == null ? 0 : w.rows();
    }

    /** Whether the real restore overwrites or drops anything: then it is sent with confirmDataLoss. */
    public boolean overwrites() {
        return !overwrittenTables().isEmpty() || !overwrittenSchemas().isEmpty();
    }

    public boolean hasConflicts() {
        Conflicts c = engine.conflicts();
        return !c.existingTables().isEmpty() || !c.existingRelations().isEmpty() || !c.missingTables().isEmpty()
                || !c.missingRoles().isEmpty() || !c.missingExtensions().isEmpty() || !c.blocking().isEmpty();
    }

    private static List<ObjectChange> objects(Map<String, Integer> create, Map<String, Integer> drop) {
        Set<String> kinds = new TreeSet<>(create.keySet());
        kinds.addAll(drop.keySet());
        return kinds.stream().map(k -> new ObjectChange(k, create.getOrDefault(k, 0), drop.getOrDefault(k, 0)))
                .toList();
    }
}
