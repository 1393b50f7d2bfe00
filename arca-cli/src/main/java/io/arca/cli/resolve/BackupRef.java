package io.arca.cli.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.CliException;
import io.arca.cli.http.ApiClient;
import java.util.Map;
import java.util.UUID;

/**
 * A backup as the user names it: its id, or {@code <source>@latest}, the source's newest completed backup that is not
 * deleted ({@code shop@latest}; the source by name or id as in {@link SourceRef}).
 */
public final class BackupRef {
    private static final String LATEST = "@latest";

    private BackupRef() {
    }

    public static UUID resolve(ApiClient api, String text) {
        if (text.endsWith(LATEST) && text.length() > LATEST.length()) {
            String source = text.substring(0, text.length() - LATEST.length());
            UUID sourceId = SourceRef.resolve(api, source);
            JsonNode newest = api.list("/api/v1/backups", Map.of("sourceId", sourceId.toString(), "state", "completed",
                    "lifecycle", "live"), 1);
            if (newest.isEmpty()) {
                throw CliException.notFound("source '" + source + "' has no completed backup");
            }
            return UUID.fromString(newest.get(0).path("id").asText());
        }
        UUID id = Ids.parseOrNull(text);
        if (id == null) {
            throw CliException.usage("'" + text + "' is not a backup: give its id (a UUID) or <source>@latest");
        }
        return id;
    }
}
