package io.arca.worker.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which listed objects a gc run may adopt: this tenant's chunk keys, older than the cutoff, nothing else. */
class OrphanAdoptionTest {
    static final Instant CUTOFF = Instant.parse("2026-11-29T00:00:00Z");

    @Test
    void onlyChunkKeysOfTheTenantModifiedBeforeTheCutoffAreEligible() {
        UUID tenant = UUID.randomUUID();
        String name = "ab".repeat(32);
        String old = RepositoryLayout.chunkKey(tenant.toString(), name);
        String fresh = RepositoryLayout.chunkKey(tenant.toString(), "cd".repeat(32));
        String prefix = RepositoryLayout.chunksPrefix(tenant.toString());
        List<ObjectInfo> page = List.of(
                new ObjectInfo(old, 10, CUTOFF.minusSeconds(1)),
                new ObjectInfo(fresh, 10, CUTOFF),
                new ObjectInfo(RepositoryLayout.chunkKey(tenant.toString(), "ef".repeat(32)), 10, null),
                new ObjectInfo(prefix + "ab/not-a-chunk-name", 10, Instant.EPOCH),
                new ObjectInfo(prefix + "zz/" + name, 10, Instant.EPOCH),
                new ObjectInfo(prefix + name, 10, Instant.EPOCH));
        assertThat(OrphanAdoption.eligible(tenant, page, CUTOFF)).extracting(ObjectInfo::key).containsExactly(old);
    }
}
