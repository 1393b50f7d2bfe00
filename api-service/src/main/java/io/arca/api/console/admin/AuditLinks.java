package io.arca.api.console.admin;

import io.arca.api.audit.AuditQueries.AuditFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Links of the audit page: the filters kept across pages, and the console page of an action's target. */
final class AuditLinks {
    private static final Map<String, String> PAGES = Map.of("schedule", "/console/schedules/",
            "backup", "/console/backups/", "source", "/console/sources/", "restore", "/console/restores/",
            "notification-channel", "/console/channels/");

    private AuditLinks() {
    }

    /** The filters as query text ({@code &action=...}), to append to a next-page link. */
    static String filterQuery(AuditFilter filter) {
        StringJoiner query = new StringJoiner("");
        add(query, "action", filter.action());
        add(query, "targetType", filter.targetType());
        add(query, "targetId", filter.targetId());
        add(query, "actorKeyId", filter.actorKeyId());
        return query.toString();
    }

    /** The console page of a target, or null when it has none. */
    static String target(String targetType, String targetId) {
        String page = PAGES.get(targetType);
        return page == null || targetId == null ? null : page + URLEncoder.encode(targetId, StandardCharsets.UTF_8);
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add("&" + name + "=" + URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
        }
    }
}
