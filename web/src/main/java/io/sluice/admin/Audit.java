package io.sluice.admin;

import io.sluice.audit.AuditLog;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/**
 * Writes what a request changed to the audit log, once the change succeeded: the logged-in user,
 * the client's address, the action, the target, and the target as the API shows it before and
 * after (none before a creation, none after a deletion). Passwords are never part of it.
 */
@RequestScoped
public class Audit {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    AuditLog log;

    @Inject
    HttpServletRequest request;

    public void record(String action, String target, Object before, Object after) {
        Principal user = request.getUserPrincipal();
        log.record(user == null ? "unknown" : user.getName(), request.getRemoteAddr(), action, target, json(before),
                json(after));
    }

    private static String json(Object o) {
        return o == null ? null : JSON.toJson(o);
    }
}
