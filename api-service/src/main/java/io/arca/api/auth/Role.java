package io.arca.api.auth;

import java.util.Locale;

/** What an API key may do. Ordered: each role can do everything the roles before it can. */
public enum Role {
    /** Reads everything of its tenant. */
    VIEWER,
    /** Also creates and changes sources, backups and restores. */
    OPERATOR,
    /** Also manages the tenant's API keys. */
    ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role");
    }
}
