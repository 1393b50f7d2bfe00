package io.arca.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The query text of the list builder; the list endpoints' API tests run it against PostgreSQL. */
class NewestFirstTest {
    private static final UUID TENANT = UUID.randomUUID();

    @Test
    void aTenantsListIsFilteredByTenantNewestFirstOnePageAtATime() {
        assertThat(NewestFirst.inTenant("api_keys", TENANT).sql(false)).isEqualTo(
                "select * from api_keys where tenant_id = :tenant order by created_at desc, id desc limit :limit");
        assertThat(NewestFirst.inTenant("api_keys", TENANT).sql(true)).isEqualTo(
                "select * from api_keys where tenant_id = :tenant and (created_at, id) < (:createdAt, :id)"
                        + " order by created_at desc, id desc limit :limit");
    }

    @Test
    void aFilterTheRequestLeftOutAddsNothing() {
        var query = NewestFirst.inTenant("backups", TENANT)
                .whereIfGiven("source_id = :source", "source", null)
                .whereIfGiven("labels @> cast(:label as jsonb)", "label", "{\"env\":\"prod\"}")
                .where("verified_at is not null");
        assertThat(query.sql(false)).isEqualTo("select * from backups where tenant_id = :tenant"
                + " and labels @> cast(:label as jsonb) and verified_at is not null"
                + " order by created_at desc, id desc limit :limit");
    }

    @Test
    void anAdminListSpansTenantsUnlessNarrowed() {
        assertThat(NewestFirst.acrossTenants("gc_runs").sql(false))
                .isEqualTo("select * from gc_runs order by created_at desc, id desc limit :limit");
        assertThat(NewestFirst.acrossTenants("gc_runs").whereIfGiven("tenant_id = :tenant", "tenant", TENANT).sql(true))
                .isEqualTo("select * from gc_runs where tenant_id = :tenant and (created_at, id) < (:createdAt, :id)"
                        + " order by created_at desc, id desc limit :limit");
    }

    @Test
    void refusesAMissingTenantARequiredNullAndATakenParameterName() {
        assertThatThrownBy(() -> NewestFirst.inTenant("backups", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NewestFirst.inTenant("verifications", TENANT).where("backup_id = :backup", "backup",
                null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NewestFirst.inTenant("backups", TENANT).where("x = :tenant", "tenant", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NewestFirst.inTenant("backups", TENANT).where("x = :limit", "limit", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
