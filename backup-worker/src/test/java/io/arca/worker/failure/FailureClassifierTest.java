package io.arca.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.ArchiveException;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.store.ObjectStoreException;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Every failure cause maps to a stable reason and a message without the password. */
class FailureClassifierTest {
    private static final PgConnectionSpec SPEC = new PgConnectionSpec("db", 5432, "shop", "u", "s3cret!", "disable");

    @Test
    void engineReasonsBecomeStableReasons() {
        assertThat(reason(new PgEngineException(Reason.UNREACHABLE, "no route"))).isEqualTo("source-unreachable");
        assertThat(reason(new PgEngineException(Reason.AUTH_FAILED, "bad password"))).isEqualTo("auth-failed");
        assertThat(reason(new PgEngineException(Reason.PG_DUMP_TOO_OLD, "pg_dump 14 < server 15"))).isEqualTo("pg-dump-too-old");
        assertThat(reason(new PgEngineException(Reason.TABLE_DISAPPEARED, "public.t dropped"))).isEqualTo("table-disappeared");
        assertThat(reason(new PgEngineException(Reason.DISK_FULL, "No space left on device"))).isEqualTo("disk-full");
        assertThat(reason(new PgEngineException(Reason.OUT_OF_MEMORY, "out of memory"))).isEqualTo("memory-limit");
    }

    /** The restore options' refusals keep the engine's words and say what request gets past them. */
    @Test
    void restoreRefusalsBecomeStableReasonsThatSayWhatToDo() {
        JobFailureAssert conflict = failure(new PgEngineException(Reason.TARGET_CONFLICT, "db already has 1 of the "
                + "objects this restore creates: public.t; nothing was written (drop them, restore with dropExisting, "
                + "or restore into another database)"));
        conflict.is("target-conflict", "public.t; nothing was written", "needs confirmDataLoss: true");
        failure(new PgEngineException(Reason.TARGET_VERSION_OLDER, "PostgreSQL 14 is older than 15. Nothing was "
                + "written.")).is("target-version-older", "PostgreSQL 14 is older than 15. Nothing was written.");
        failure(new PgEngineException(Reason.SELECTION_INCOMPLETE, "foreign keys to tables left out: FK public.a"))
                .is("selection-incomplete", "FK public.a; nothing was written", "without strict");
        failure(new PgEngineException(Reason.NO_PRIMARY_KEY, "public.log has none in the target"))
                .is("no-primary-key", "public.log has none", "mode replace");
    }

    private record JobFailureAssert(io.arca.worker.job.JobFailure failure) {
        void is(String reason, String... parts) {
            assertThat(failure.reason()).isEqualTo(reason);
            assertThat(failure.getMessage()).contains(parts);
        }
    }

    private static JobFailureAssert failure(Throwable e) {
        return new JobFailureAssert(FailureClassifier.classify(e, SPEC));
    }

    /** A data key no configured master key unwraps is named as such, even inside the engine's source failure. */
    @Test
    void aDataKeyNoMasterKeyUnwrapsIsKeyUnavailable() {
        KeyUnavailableException key = new KeyUnavailableException("data key 0000abcd of tenant t does not unwrap: "
                + "sealed under a master key this deployment no longer has");
        failure(key).is("key-unavailable", "no longer has");
        failure(new PgEngineException(Reason.SOURCE_FAILED, "reading the archive", new IOException(key)))
                .is("key-unavailable", "data key 0000abcd");
    }

    @Test
    void objectStoreFailureWinsWhereverItIsWrapped() {
        ObjectStoreException store = new ObjectStoreException("S3 put failed: 503 SlowDown", true, null);
        assertThat(reason(store)).isEqualTo("object-store-unavailable");
        assertThat(reason(new PgEngineException(Reason.SINK_FAILED, "sink", new IOException(new ArchiveException("chunk", store)))))
                .isEqualTo("object-store-unavailable");
        assertThat(reason(new ArchiveException("chunk upload failed", store))).isEqualTo("object-store-unavailable");
    }

    @Test
    void heapExhaustionIsAMemoryLimit() {
        assertThat(reason(new OutOfMemoryError("Java heap space"))).isEqualTo("memory-limit");
    }

    @Test
    void sqlStatesMapToReasonsAndPasswordsAreRedacted() {
        assertThat(reason(new SQLException("connection refused", "08001"))).isEqualTo("source-unreachable");
        assertThat(reason(new SQLException("password authentication failed", "28P01"))).isEqualTo("auth-failed");
        assertThat(reason(new SQLException("database does not exist", "3D000"))).isEqualTo("database-missing");
        assertThat(reason(new SQLException("permission denied for database shop", "42501")))
                .isEqualTo("permission-denied");
        assertThat(reason(new SQLException("the database system is starting up", "57P03")))
                .isEqualTo("source-unreachable");
        assertThat(reason(new SQLException("could not extend file", "53100"))).isEqualTo("disk-full");
        assertThat(reason(new SQLException("internal error", "XX000"))).isEqualTo("database-error");
        assertThat(FailureClassifier.classify(new RuntimeException("login with s3cret! failed"), SPEC).errorText())
                .doesNotContain("s3cret!").contains("******");
    }

    private static String reason(Throwable e) {
        return FailureClassifier.classify(e, SPEC).reason();
    }
}
