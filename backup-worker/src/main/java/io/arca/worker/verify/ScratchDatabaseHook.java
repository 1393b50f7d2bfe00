package io.arca.worker.verify;

import io.arca.pg.PgConnectionSpec;

/**
 * Called by a deep verification between the restore into the scratch database and the comparison of its tables. No
 * implementation runs in production; a test enables one (a CDI alternative) that alters a restored row, to prove that
 * the comparison notices a restore that differs from the backup.
 */
public interface ScratchDatabaseHook {

    void restored(PgConnectionSpec scratch) throws Exception;
}
