package io.arca.api.download;

import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ExportRefusals;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.archive.ArchiveException;
import io.arca.export.BackupExports;
import io.arca.export.ExportFileName;
import io.arca.export.ExportRefusedException;
import io.arca.export.ExportRequest;
import io.arca.export.RenderedExport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Turns a link into a ready rendering, or into the reason it is refused: signature and version (403, not audited),
 * then against the catalog: expired, backup deleted (410), another tenant, revoked (403), flagged corrupted since
 * issue without force (409). Every refusal of a well-signed link is audited.
 */
@ApplicationScoped
class DownloadService {
    private final DownloadTokens tokens;
    private final BackupRecords records;
    private final DownloadReaders readers;
    private final BackupOpener opener;
    private final CorruptionReporter corruption;
    private final DownloadAudit audit;
    private final DownloadMetrics metrics;
    private final DownloadSlots slots;

    DownloadService(DownloadTokens tokens, BackupRecords records, BackupOpener opener, CorruptionReporter corruption,
            DownloadAudit audit, DownloadMetrics metrics, DownloadSlots slots, DownloadReaders readers) {
        this.readers = readers;
        this.tokens = tokens;
        this.records = records;
        this.opener = opener;
        this.corruption = corruption;
        this.audit = audit;
        this.metrics = metrics;
        this.slots = slots;
    }

    /** The caller closes the result (or streams it, which closes it). */
    PreparedDownload prepare(String tokenText, DownloadAudit.Use use) {
        DownloadToken token = tokens.verify(tokenText);
        try {
            return prepare(token, use);
        } catch (ProblemException e) {
            audit.record(token, use, e.type().status(), 0, "refused: " + e.type().slug());
            throw e;
        }
    }

    private PreparedDownload prepare(DownloadToken token, DownloadAudit.Use use) {
        var found = records.find(token.backup());
        Instant now = found.map(BackupRecord::now).orElseGet(records::now);
        if (!now.isBefore(token.expiresAt())) {
            throw DownloadProblems.expired(token.expiresAt());
        }
        BackupRecord backup = found.orElseThrow(() -> DownloadProblems.gone(token.backup()));
        if (!backup.tenantId().equals(token.tenant())) {
            throw tokensMismatch();
        }
        if (backup.revokes(token.issuedAt())) {
            throw DownloadProblems.revoked();
        }
        if (!backup.completed()) {
            throw ProblemException.conflict("backup " + backup.id() + " is " + backup.state(), null);
        }
        BackupLifecycle.requireLive(backup.id(), backup.lifecycle());
        if (backup.corrupted() && !token.force()) {
            throw DownloadProblems.corrupted(backup.id());
        }
        ExportRequest request = token.request();
        Runnable slot = slots.take();
        Runnable release = slot;
        OpenBackup open;
        try {
            // the reader lease last: it re-checks the life cycle under a share lock on the backup row
            DownloadReaders.Lease lease = readers.register(backup.tenantId(), backup.id());
            release = () -> {
                lease.close();
                slot.run();
            };
            open = opener.open(backup).closing(release);
        } catch (ArchiveException e) {
            release.run();
            throw damaged(backup, null, e);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        try {
            RenderedExport rendered = BackupExports.prepare(open.content(), request);
            String filename = ExportFileName.of(backup.sourceName(), backup.createdAt(), rendered.fileSuffix());
            return new PreparedDownload(token, backup, open, rendered, filename, etag(backup, request), use, audit,
                    corruption, metrics);
        } catch (ExportRefusedException e) {
            open.close();
            throw ExportRefusals.problem(e, null);
        } catch (RuntimeException e) {
            open.close();
            ArchiveException damage = ReadFailures.archiveCause(e);
            if (damage == null) {
                throw e;
            }
            throw damaged(backup, open, damage);
        }
    }

    /** Flags the backup when the failure is damage, and answers the client before any byte was sent. */
    private ProblemException damaged(BackupRecord backup, OpenBackup open, ArchiveException e) {
        if (ReadFailures.isDamage(e)) {
            corruption.report(backup, open, e);
        }
        return ReadFailures.problem(e, backup.id().toString());
    }

    /**
     * Strong: the bytes are a function of what was backed up (the manifest's digest pins every chunk) and how it is
     * rendered, so two downloads with equal tags are byte-identical and ranges of them can be combined.
     */
    static String etag(BackupRecord backup, ExportRequest request) {
        String identity = String.join("\n", backup.id().toString(), String.valueOf(backup.manifestSha256()),
                request.format().wireName(), request.compression().wireName(), String.join("\u0000", request.tables()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException tokensMismatch() {
        // only a signing key shared with another installation gets here; say no more than for a bad signature
        return new ProblemException(ProblemType.DOWNLOAD_LINK_INVALID,
                "this download link is not valid for this backup", null);
    }
}
