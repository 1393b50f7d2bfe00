package io.arca.api.export;

import io.arca.api.auth.Caller;
import io.arca.api.backup.Backup;
import io.arca.api.backup.CorruptedBackups;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.contents.BackupContents;
import io.arca.api.error.ExportRefusals;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.export.ExportDtos.ExportRequestBody;
import io.arca.api.export.ExportDtos.ExportView;
import io.arca.common.job.JobState;
import io.arca.export.ExportRequest;
import io.arca.storage.PresignedUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accepts export requests (checked against the backup's contents), reads exports and hands out their URLs. */
@ApplicationScoped
public class ExportService {
    static final int MAX_PATTERNS = 1000;
    static final int MAX_PATTERN_LENGTH = 300;
    static final Duration DEFAULT_URL_EXPIRY = Duration.ofMinutes(15);

    @Inject
    Caller caller;

    @Inject
    BackupContents contents;

    @Inject
    ExportWriter writer;

    @Inject
    PresignedUrls presigned;

    @Inject
    EntityManager em;

    public ExportView create(UUID backupId, ExportRequestBody body) {
        if (body == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        checkBounds(body.tables());
        ExportRequest request = ExportRefusals.parse(body.format(), body.compression(), body.tables());
        boolean force = Boolean.TRUE.equals(body.force());
        Backup backup = contents.backup(backupId);
        BackupContents.requireCompleted(backup, "exported");
        if (backup.corrupted && !force) {
            throw CorruptedBackups.refusal(backup, "exported");
        }
        ExportRefusals.check(request, backup.type, contents.tables(backup.tenantId, backup.id, backup.manifestSha256));
        Export export = writer.record(new ExportWriter.NewExport(caller.tenantId(), backup.id, request, force));
        return ExportDtos.view(export, Instant.now(), null);
    }

    /** The export; once completed with a presigned URL valid for {@code expiresInSeconds} (410 once expired). */
    public ExportView get(UUID id, String expiresInSeconds) {
        Duration urlExpiry = urlExpiry(expiresInSeconds);
        Export export = Export.findInTenant(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("export", id));
        Instant now = Instant.now();
        if (export.isExpired(now)) {
            throw new ProblemException(ProblemType.EXPORT_EXPIRED, "export " + id + " expired at "
                    + export.expiresAt + "; its file is deleted (request a new export)", null);
        }
        ExportDtos.Link link = null;
        if (JobState.COMPLETED.wireName().equals(export.state) && export.objectKey != null) {
            // a URL never outlives the file: the scheduler deletes it at expiresAt
            Duration left = Duration.between(now, export.expiresAt);
            Duration valid = left.compareTo(urlExpiry) < 0 ? left : urlExpiry;
            if (valid.compareTo(Duration.ofSeconds(1)) < 0) {
                valid = Duration.ofSeconds(1);
            }
            link = new ExportDtos.Link(presigned.get(export.objectKey, valid), now.plus(valid));
        }
        return ExportDtos.view(export, now, link);
    }

    /** Newest first, filtered by backup and state; keyset pagination. */
    public Page<ExportView> list(String backupIdText, String state, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        UUID backupId = QueryParams.optionalUuid(backupIdText, "backupId");
        Cursor after = Cursor.decode(cursor);
        String stateFilter = state == null || state.isEmpty() ? null : QueryParams.jobState(state, "state");
        List<Export> rows = NewestFirst.inTenant("exports", caller.tenantId())
                .whereIfGiven("backup_id = :backup", "backup", backupId)
                .whereIfGiven("state = :state", "state", stateFilter)
                .fetch(em, Export.class, after, pageSize);
        Instant now = Instant.now();
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, r -> ExportDtos.view(r, now, null));
    }

    public ExportView delete(UUID id) {
        return ExportDtos.view(writer.expireNow(caller.tenantId(), id), Instant.now(), null);
    }

    static Duration urlExpiry(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_URL_EXPIRY;
        }
        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > PresignedUrls.MAX_EXPIRY.toSeconds()) {
            throw new ProblemException(ProblemType.INVALID_EXPORT_OPTION, "expiresInSeconds must be between 1 and "
                    + PresignedUrls.MAX_EXPIRY.toSeconds() + " (7 days)", "expiresInSeconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static void checkBounds(List<String> tables) {
        if (tables == null) {
            return;
        }
        if (tables.size() > MAX_PATTERNS) {
            throw new ProblemException(ProblemType.INVALID_EXPORT_OPTION, "at most " + MAX_PATTERNS
                    + " table patterns", "tables");
        }
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i) != null && tables.get(i).length() > MAX_PATTERN_LENGTH) {
                throw new ProblemException(ProblemType.INVALID_EXPORT_OPTION, "a table pattern is at most "
                        + MAX_PATTERN_LENGTH + " characters", "tables[" + i + "]");
            }
        }
    }
}
