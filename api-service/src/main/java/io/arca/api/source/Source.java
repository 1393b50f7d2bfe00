package io.arca.api.source;

import io.arca.retention.RetentionPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A PostgreSQL database to back up. The password is stored sealed (AES-256-GCM), see {@link PasswordSealer}. */
@Entity
@Table(name = "sources")
public class Source extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String host;

    @Column(nullable = false)
    public int port;

    @Column(name = "database_name", nullable = false)
    public String databaseName;

    @Column(nullable = false)
    public String username;

    @Column(name = "password_sealed", nullable = false)
    public byte[] passwordSealed;

    @Column(name = "ssl_mode", nullable = false)
    public String sslMode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> labels;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Written by the worker's deep verifications, never by the API (so a source update cannot overwrite it). */
    @Column(name = "last_proven_restorable_at", insertable = false, updatable = false)
    public Instant lastProvenRestorableAt;

    /** Set when the source was deleted with its backups: the row stays as their history, and answers 404. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Default retention policy of its backups that no schedule made; written by SourceRetentionService alone. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false, columnDefinition = "jsonb")
    public RetentionPolicy retention;

    @Version
    public long version;

    public static Optional<Source> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2 and deletedAt is null", tenantId, id).firstResultOptional();
    }

    public static boolean nameTaken(UUID tenantId, String name, UUID except) {
        return count("tenantId = ?1 and name = ?2 and id <> ?3 and deletedAt is null", tenantId, name, except) > 0;
    }

    @Override
    public String toString() {
        return "Source[" + id + ", " + name + "]";
    }
}
