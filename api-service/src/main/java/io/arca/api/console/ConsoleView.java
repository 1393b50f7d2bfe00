package io.arca.api.console;

import io.arca.api.auth.Role;
import io.arca.api.console.session.SignedInSession;
import io.arca.api.tenant.Tenant;
import jakarta.enterprise.context.RequestScoped;

/**
 * What every console page knows about its viewer (the template parameter {@code console}): the role decides which
 * buttons exist (the API still enforces it), the CSRF token goes into the page for its scripts.
 */
@RequestScoped
public class ConsoleView {
    private SignedInSession signedIn;
    private Role role;
    private String tenantName;

    /** Set by the authentication filter for a request that came with a console session. */
    public void signedIn(SignedInSession session, Role role) {
        this.signedIn = session;
        this.role = role;
    }

    public boolean isSignedIn() {
        return signedIn != null;
    }

    public String role() {
        return role == null ? "" : role.wireName();
    }

    public boolean canOperate() {
        return role != null && role.includes(Role.OPERATOR);
    }

    public boolean isAdmin() {
        return role != null && role.includes(Role.ADMIN);
    }

    public String csrf() {
        return signedIn == null ? "" : signedIn.session().csrfToken;
    }

    public String keyName() {
        return signedIn == null ? "" : signedIn.key().name;
    }

    public String tenantName() {
        if (tenantName == null && signedIn != null) {
            Tenant tenant = Tenant.findById(signedIn.session().tenantId);
            tenantName = tenant == null ? "" : tenant.name;
        }
        return tenantName;
    }
}
