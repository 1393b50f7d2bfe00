package io.arca.cli.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.CliException;
import io.arca.cli.http.ApiClient;
import java.util.Map;
import java.util.UUID;

/**
 * A source as the user names it: its id, or its name (unique per tenant). Names are resolved by listing the tenant's
 * sources, so a typo says which names exist rather than "404".
 */
public final class SourceRef {
    private SourceRef() {
    }

    /** The source's id for {@code nameOrId}; not found: exit 4 with the names that do exist. */
    public static UUID resolve(ApiClient api, String nameOrId) {
        UUID id = Ids.parseOrNull(nameOrId);
        if (id != null) {
            return id;
        }
        JsonNode sources = api.list("/api/v1/sources", Map.of(), 0);
        for (JsonNode s : sources) {
            if (nameOrId.equals(s.path("name").asText())) {
                return UUID.fromString(s.path("id").asText());
            }
        }
        StringBuilder names = new StringBuilder();
        sources.forEach(s -> names.append(names.isEmpty() ? "" : ", ").append(s.path("name").asText()));
        throw CliException.notFound("no source named '" + nameOrId + "'"
                + (names.isEmpty() ? " (this tenant has no sources yet)" : " (sources: " + names + ")"));
    }
}
