package io.sluice.admin;

import io.sluice.manage.UserService;
import io.sluice.security.Role;
import io.sluice.security.Scope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;

/**
 * Who is calling, and so whose mail they may see: every resource that shows or changes mail asks
 * for the scope here, and the services apply it. A domain administrator's domains are read for each
 * request, so a change takes effect at once.
 */
@RequestScoped
public class Caller {

    @Inject
    HttpServletRequest request;

    @Inject
    UserService users;

    private Scope scope;

    public String name() {
        return request.getUserPrincipal() == null ? "unknown" : request.getUserPrincipal().getName();
    }

    public Role role() {
        for (Role r : Role.values()) {
            if (request.isUserInRole(r.name())) {
                return r;
            }
        }
        throw new IllegalStateException("a caller without a role reached the API");
    }

    public Scope scope() {
        if (scope == null) {
            Role role = role();
            scope = Scope.of(role, name(), role == Role.domainadmin ? users.domainsOf(name()) : Set.of());
        }
        return scope;
    }
}
