package io.arca.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {
    @Test
    void secretsAreLongRandomAndHashedToThirtyTwoBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = ApiKeySecrets.generate();
            assertThat(secret).matches("arca_[0-9A-Za-z]{40}");
            assertThat(seen.add(secret)).isTrue();
        }
        String secret = ApiKeySecrets.generate();
        assertThat(ApiKeySecrets.hash(secret)).hasSize(32).isEqualTo(ApiKeySecrets.hash(secret));
        assertThat(ApiKeySecrets.shownPrefix(secret)).hasSize(12).startsWith("arca_");
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
    }
}
