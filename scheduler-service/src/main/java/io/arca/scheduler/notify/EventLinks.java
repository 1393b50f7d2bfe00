package io.arca.scheduler.notify;

import java.util.List;
import java.util.Map;

/**
 * The API address of what an event is about, for emails: {@code <publicApiUrl>/api/v1/backups/<backupId>} for a
 * backup event, a restore's for a restore event, and so on by the type's family; the source when nothing closer is
 * known (backup.late); null when the API has no page for it (gc).
 */
final class EventLinks {
    /** Type family → the subject id that names its resource and the API collection holding it. */
    private static final Map<String, List<String>> BY_FAMILY = Map.of(
            "backup", List.of("backupId", "backups"),
            "restore", List.of("restoreId", "restores"),
            "export", List.of("exportId", "exports"),
            "verify", List.of("verificationId", "verifications"),
            "delete", List.of("deletionId", "deletions"),
            "schedule", List.of("scheduleId", "schedules"),
            "key", List.of("keyId", "api-keys"),
            "notification-channel", List.of("channelId", "notification-channels"),
            "notification", List.of("channelId", "notification-channels"));

    private final String base;

    EventLinks(String publicApiUrl) {
        this.base = publicApiUrl.endsWith("/") ? publicApiUrl.substring(0, publicApiUrl.length() - 1) : publicApiUrl;
    }

    String of(String type, Map<String, String> subject) {
        List<String> family = BY_FAMILY.get(type.substring(0, Math.max(0, type.indexOf('.'))));
        if (family != null && subject.get(family.get(0)) != null) {
            return base + "/api/v1/" + family.get(1) + "/" + subject.get(family.get(0));
        }
        if (subject.get("sourceId") != null) {
            return base + "/api/v1/sources/" + subject.get("sourceId");
        }
        return null;
    }
}
