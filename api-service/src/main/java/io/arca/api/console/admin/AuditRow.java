package io.arca.api.console.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.audit.AuditQueries.AuditEntry;

/** An audit entry as the page shows it: who (key name), the target's console page, details as compact JSON. */
public record AuditRow(AuditEntry entry, String actor, String targetLink, String details) {

    static AuditRow of(AuditEntry e, ObjectMapper json) {
        String actor = e.actorKeyName() != null ? e.actorKeyName()
                : e.actorKeyId() != null ? "key " + e.actorKeyId() : "signed link";
        return new AuditRow(e, actor, AuditLinks.target(e.targetType(), e.targetId()), details(e, json));
    }

    private static String details(AuditEntry e, ObjectMapper json) {
        if (e.details() == null || e.details().isEmpty()) {
            return "";
        }
        try {
            return json.writeValueAsString(e.details());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
