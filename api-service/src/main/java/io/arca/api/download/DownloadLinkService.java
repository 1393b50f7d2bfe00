package io.arca.api.download;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.contents.BackupContents;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.download.DownloadLinkDtos.LinkRequest;
import io.arca.api.download.DownloadLinkDtos.LinkView;
import io.arca.api.error.ExportRefusals;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.export.ExportFileName;
import io.arca.export.ExportRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Issues and revokes download links. A link is not stored anywhere: it is a signed token ({@link DownloadTokens})
 * whose options were validated here, once; revocation moves the backup's {@code links_valid_after} past every link
 * issued so far.
 */
@ApplicationScoped
public class DownloadLinkService {
    static final long DEFAULT_EXPIRY_SECONDS = 900;
    /** Seven days: a link is a bearer credential, so it does not live longer than a week. */
    static final long MAX_EXPIRY_SECONDS = 604_800;
    static final String DOWNLOAD_PATH = "/api/v1/downloads/";

    private final Caller caller;
    private final BackupRecords records;
    private final BackupContents contents;
    private final DownloadTokens tokens;
    private final DownloadsConfig config;
    private final AuditLog audit;
    private final EntityManager em;

    DownloadLinkService(Caller caller, BackupRecords records, BackupContents contents, DownloadTokens tokens,
            DownloadsConfig config, AuditLog audit, EntityManager em) {
        this.caller = caller;
        this.records = records;
        this.contents = contents;
        this.tokens = tokens;
        this.config = config;
        this.audit = audit;
        this.em = em;
    }

    /** Validates the request against the backup and signs a link; {@code requestBase} is the API's own URL. */
    public LinkView create(UUID backupId, LinkRequest request, URI requestBase) {
        if (request == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        long expiresIn = request.expiresInSeconds() == null ? DEFAULT_EXPIRY_SECONDS : request.expiresInSeconds();
        if (expiresIn < 1 || expiresIn > MAX_EXPIRY_SECONDS) {
            throw new ProblemException(ProblemType.INVALID_EXPORT_OPTION, "expiresInSeconds must be between 1 and "
                    + MAX_EXPIRY_SECONDS + " (7 days)", "expiresInSeconds");
        }
        ExportRequest export = ExportRefusals.parse(request.format(), request.compression(), request.tables());
        BackupRecord backup = records.findInTenant(caller.tenantId(), backupId)
                .orElseThrow(() -> ProblemException.notFound("backup", backupId));
        BackupLifecycle.requireLive(backupId, backup.lifecycle());
        if (!backup.completed()) {
            throw ProblemException.conflict("backup " + backupId + " is " + backup.state()
                    + "; only a completed backup can be downloaded", null);
        }
        boolean force = Boolean.TRUE.equals(request.force());
        if (backup.corrupted() && !force) {
            throw DownloadProblems.corrupted(backupId);
        }
        ExportRefusals.check(export, backup.type(), contents.tables(backup.tenantId(), backup.id(), backup.manifestSha256()));

        DownloadToken token = DownloadToken.issue(backup.tenantId(), backup.id(), export, force, backup.now(),
                backup.now().plusSeconds(expiresIn));
        String signed = tokens.sign(token);
        if (signed.length() > DownloadTokens.MAX_TOKEN_LENGTH) {
            throw new ProblemException(ProblemType.INVALID_EXPORT_OPTION, "the table patterns make the link too "
                    + "long for a URL; select fewer patterns (wildcards help) or use an export", "tables");
        }
        String filename = ExportFileName.of(backup.sourceName(), backup.createdAt(), export.fileSuffix());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("linkId", token.linkId());
        details.put("format", token.format());
        details.put("compression", token.compression());
        details.put("tables", token.tables());
        details.put("force", force);
        details.put("expiresAt", token.expiresAt().toString());
        QuarkusTransaction.requiringNew().run(() -> audit.record("download-link.create", "backup", backupId, details));
        return new LinkView(base(requestBase) + DOWNLOAD_PATH + signed, token.expiresAt(), filename, token.format(),
                token.compression(), token.tables());
    }

    /** Invalidates every link of the backup issued until now (later links work). */
    public void revokeAll(UUID backupId) {
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = em.createNativeQuery("update backups set links_valid_after = clock_timestamp(), "
                            + "version = version + 1 "
                            + "where id = ?1 and tenant_id = ?2")
                    .setParameter(1, backupId)
                    .setParameter(2, caller.tenantId())
                    .executeUpdate();
            if (updated == 0) {
                throw ProblemException.notFound("backup", backupId);
            }
            audit.record("download-link.revoke", "backup", backupId);
        });
    }

    private String base(URI requestBase) {
        String base = config.baseUrl().filter(b -> !b.isBlank()).orElse(requestBase.toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
