package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source destination policy where the connections are made. A source saved while allowed whose host later
 * points into a denied network (here: moved to the metadata address behind the API's back, as a DNS change would)
 * gets no connection: its backup fails with {@code destination-not-allowed: ...} naming the network and the key, and
 * a restore into it is refused (422) before anything is recorded. Its existing backups still restore elsewhere.
 */
class SourceDestinationSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String PROBLEM = "https://arca.dev/problems/source-destination-not-allowed";
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void jobsAgainstASourceThatBecameDisallowedFailWithTheReason() throws Exception {
        ArcaClient api = arca.client().createTenant("dest-" + UUID.randomUUID().toString().substring(0, 8));
        String database = arca.sources.empty("dest");
        arca.sources.execute(database, "create table t(id int primary key); insert into t values (1)");
        UUID good = api.createSource(arca.env, database);
        UUID backupId = api.backupAndAwait(good, ArcaClient.GZIP_PLAIN, WAIT).getUUID("id");

        UUID moved = api.createSource(arca.env, arca.sources.empty("dest_moved"));
        assertThat(arca.catalogUpdate("update sources set host = '169.254.169.254' where id = ?", moved)).isOne();

        JsonPath failed = api.awaitBackup(api.requestBackup(moved, ArcaClient.GZIP_PLAIN),
                b -> "failed".equals(b.getString("state")), WAIT);
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("error")).startsWith("destination-not-allowed: ")
                .contains("169.254.169.254").contains("169.254.0.0/16").contains("arca.sources.destinations.deny");

        api.request().body("{\"backupId\":\"" + backupId + "\",\"target\":{\"sourceId\":\"" + moved
                        + "\",\"database\":\"nowhere\"}}").post("/api/v1/restores")
                .then().statusCode(422).contentType("application/problem+json").body("type", equalTo(PROBLEM))
                .body("detail", containsString("169.254.0.0/16"));

        // the backed-up source itself becoming disallowed does not lock its backups in: a restore into an allowed
        // source needs no connection to it (it is only compared with the target when reachable) and completes
        assertThat(arca.catalogUpdate("update sources set host = '169.254.169.254' where id = ?", good)).isOne();
        UUID elsewhere = api.createSource(arca.env, arca.sources.empty("dest_elsewhere"));
        String target = arca.sources.freshName("dest_r");
        api.awaitRestoreCompleted(api.requestRestore(backupId, elsewhere, target), WAIT);
        assertThat(arca.sources.count(target, "select count(*) from t")).isOne();
    }
}
