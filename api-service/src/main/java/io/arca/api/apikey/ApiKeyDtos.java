package io.arca.api.apikey;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the API key endpoints. */
public final class ApiKeyDtos {
    private ApiKeyDtos() {
    }

    @Schema(name = "CreateApiKeyRequest")
    public record CreateApiKeyRequest(
            @Schema(description = "What the key is for", examples = "ci-pipeline") String name,
            @Schema(description = "admin, operator or viewer", examples = "operator") String role) {
    }

    @Schema(name = "ApiKey", description = "An API key without its secret")
    public record ApiKeyView(UUID id, String name, String role,
                             @Schema(description = "First characters of the secret") String prefix,
                             Instant createdAt, Instant revokedAt,
                             @Schema(description = "When the key last authenticated a request, to the minute; null if never")
                             Instant lastUsedAt) {
    }

    @Schema(name = "CreatedApiKey", description = "A new API key: the secret is shown here once and never again")
    public record CreatedApiKey(UUID id, String name, String role, String prefix, Instant createdAt,
                                @Schema(description = "The secret: send it as Authorization: Bearer <secret>")
                                String secret) {
    }

    static ApiKeyView view(ApiKey key) {
        return new ApiKeyView(key.id, key.name, key.role, key.keyPrefix, key.createdAt, key.revokedAt,
                key.lastUsedAt);
    }
}
