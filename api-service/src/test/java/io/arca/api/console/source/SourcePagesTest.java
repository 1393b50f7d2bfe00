package io.arca.api.console.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.arca.api.console.ConsoleSignIn;
import io.arca.testing.InfraEnv;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The source pages with a console session: what each role gets, and no password anywhere. */
@QuarkusTest
class SourcePagesTest extends ApiTest {

    @Test
    void anOperatorGetsTheFormsAViewerOnlyReads() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "roles");
        String backup = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(backup, tenant.tenantId(), "public.orders");

        String asOperator = ConsoleSignIn.as(tenant.operator()).html("/console/sources/" + sourceId);
        assertThat(asOperator).contains("id=\"check-connection\"").contains("id=\"backup-now\"")
                .contains("data-api=\"POST /api/v1/sources/" + sourceId + "/check\"")
                .contains("/console/backups/" + backup).contains("/console/backups?sourceId=" + sourceId)
                .contains("<svg class=\"timeline\"").contains("name=\"tables.include\"")
                .contains("name=\"compression.algorithm\"");
        String asViewer = ConsoleSignIn.as(tenant.viewer()).html("/console/sources/" + sourceId);
        assertThat(asViewer).contains("/console/backups/" + backup).doesNotContain("data-api=")
                .doesNotContain("id=\"backup-now\"");
        String password = InfraEnv.require().pgPassword();
        if (password.length() >= 8) {
            assertThat(asOperator).doesNotContain(password);
        }
        assertThat(asOperator).doesNotContain("name=\"password\"");
    }

    @Test
    void theRegisterFormIsForOperators() {
        TenantKeys tenant = newTenant();
        String form = ConsoleSignIn.as(tenant.operator()).html("/console/sources/new");
        assertThat(form).contains("data-api=\"POST /api/v1/sources\"").contains("data-then=\"/console/sources/{id}\"")
                .contains("<label for=\"src-password\">");
        ConsoleSignIn.as(tenant.viewer()).page().get("/console/sources/new").then().statusCode(403);
    }
}
