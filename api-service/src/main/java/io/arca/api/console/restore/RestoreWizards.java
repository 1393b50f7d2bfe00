package io.arca.api.console.restore;

import io.arca.api.auth.Caller;
import io.arca.api.backup.Backup;
import io.arca.api.common.QueryParams;
import io.arca.api.console.restore.RestoreWizard.TableChoice;
import io.arca.api.console.restore.RestoreWizard.TargetChoice;
import io.arca.api.contents.BackupContents;
import io.arca.api.error.ProblemException;
import io.arca.api.source.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** Builds the restore wizard's first step from the same services the API uses (tenant from the caller). */
@ApplicationScoped
public class RestoreWizards {
    /** The target picker lists at most this many sources, by name. */
    static final int MAX_TARGETS = 1000;

    @Inject
    BackupContents contents;

    @Inject
    Caller caller;

    public RestoreWizard of(String backupIdText) {
        UUID backupId = QueryParams.optionalUuid(backupIdText, "backupId");
        if (backupId == null) {
            throw ProblemException.invalid("backupId", "backupId is required: open the wizard from a backup's page "
                    + "(/console/backups)");
        }
        Backup backup = contents.backup(backupId);
        BackupContents.requireCompleted(backup, "restored");
        List<Source> all = targetSources();
        Source origin = all.stream().filter(s -> s.id.equals(backup.sourceId)).findFirst().orElse(null);
        String database = backup.databaseName != null ? backup.databaseName
                : origin != null ? origin.databaseName : null;
        List<TargetChoice> targets = all.stream().map(s -> new TargetChoice(s.id, s.name, s.databaseName, s.host,
                s.id.equals(backup.sourceId))).toList();
        List<TableChoice> tables = contents.tables(backup.tenantId, backup.id, backup.manifestSha256).stream()
                .map(t -> TableChoice.of(t[0], t[1])).distinct().toList();
        return new RestoreWizard(backup.id, backup.finishedAt, backup.corrupted, backup.sourceId,
                origin != null ? origin.name : null, database, suggestedName(database), targets, tables);
    }

    /** {@code <database>_restored}, cut to PostgreSQL's 63 bytes (names are ASCII in practice; the API checks). */
    static String suggestedName(String database) {
        String base = database == null ? "restored" : database + "_restored";
        return base.length() > 63 ? base.substring(0, 63) : base;
    }

    /** The tenant's sources by name: only what a picker shows (no recovery points, which read every backup). */
    private List<Source> targetSources() {
        return Source.<Source>find("tenantId = ?1 and deletedAt is null order by name", caller.tenantId())
                .page(0, MAX_TARGETS).list();
    }
}
