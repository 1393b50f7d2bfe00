package io.arca.pg;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Provides the entries of a dump to a restore (the archive reader implements it, from the manifest).
 *
 * <p>{@link #open} is called from several threads at once (one per copy session); each stream is read by one
 * thread and closed by the engine.
 */
public interface EntrySource {

    /** The dump's entries, as {@link DumpResult#entries()} listed them (the order does not matter). */
    List<DumpEntry> entries();

    /** The entry's bytes from the beginning; an IOException fails the restore with reason SOURCE_FAILED. */
    InputStream open(DumpEntry entry) throws IOException;
}
