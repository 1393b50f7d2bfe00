package io.arca.api.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {
    /** Name of the tenant that exists from the first start; the bootstrap key is its admin. */
    public static final String DEFAULT_NAME = "default";

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Tenant> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
