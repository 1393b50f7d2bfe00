package io.arca.api.source;

import io.arca.retention.RetentionPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the source endpoints. No response shape has a password field. */
public final class SourceDtos {
    private SourceDtos() {
    }

    @Schema(name = "SourceRequest", description = "A PostgreSQL database to back up. On update, omit password to keep it.")
    public record SourceRequest(
            @Schema(examples = "shop") String name,
            @Schema(description = "Only postgresql", defaultValue = "postgresql") String type,
            @Schema(examples = "127.0.0.1") String host,
            @Schema(defaultValue = "5432", minimum = "1", maximum = "65535") Integer port,
            @Schema(examples = "shop") String database,
            @Schema(examples = "arca") String username,
            @Schema(description = "Write-only: stored encrypted, never returned") String password,
            @Schema(description = "disable, allow, prefer, require, verify-ca or verify-full", defaultValue = "prefer")
            String sslMode,
            @Schema(examples = "{\"env\":\"prod\"}") Map<String, String> labels) {

        /** Never prints the password (records print every component by default). */
        @Override
        public String toString() {
            return "SourceRequest[name=" + name + ", host=" + host + ", port=" + port + ", database=" + database
                    + ", username=" + username + ", password=****]";
        }
    }

    @Schema(name = "Source")
    public record SourceView(UUID id, String name, String type, String host, int port, String database,
                             String username, String sslMode, Map<String, String> labels,
                             Instant createdAt, Instant updatedAt,
                             @Schema(description = "When a deep verification last restored one of its backups "
                                     + "and found every table equal")
                             Instant lastProvenRestorableAt,
                             @Schema(description = "Default retention policy of its backups that no schedule made "
                                     + "(PUT /api/v1/sources/{id}/retention); null: they are all kept")
                             RetentionPolicy retention,
                             @Schema(description = "When its newest backup was requested (any state)")
                             Instant lastBackupAt,
                             @Schema(description = "When its newest usable backup (completed, not corrupted, not "
                                     + "deleted) finished: the recovery point")
                             Instant lastSuccessfulBackupAt,
                             @Schema(description = "never (no usable backup), late (an enabled schedule exists and "
                                     + "the recovery point is older than 1.5 periods of the most frequent one) or ok")
                             String rpoStatus,
                             @Schema(description = "Restore drills: null (no enabled schedule has a drill policy), "
                                     + "never (no backup was ever proven restorable), overdue (lastProvenRestorableAt "
                                     + "is older than twice the most frequent drill's period) or ok")
                             String drillStatus) {
    }

    @Schema(name = "SourceCheck", description = "Result of connecting to a source")
    public record SourceCheck(
            boolean ok,
            @Schema(description = "server_version, when ok") String serverVersion,
            @Schema(description = "pg_database_size of the database, when ok") Long databaseSizeBytes,
            @Schema(description = "When not ok: unreachable, timeout, auth-failed, database-missing, ssl-error, "
                    + "permission-denied or error")
            String reason,
            @Schema(description = "The server's or driver's message, when not ok") String detail,
            long elapsedMillis) {
    }

    static SourceView view(Source source, RecoveryPoints.RecoveryPoint recovery) {
        return new SourceView(source.id, source.name, source.type, source.host, source.port, source.databaseName,
                source.username, source.sslMode, source.labels, source.createdAt, source.updatedAt,
                source.lastProvenRestorableAt, source.retention, recovery.lastBackupAt(),
                recovery.lastSuccessfulBackupAt(), recovery.rpoStatus(), recovery.drillStatus());
    }
}
