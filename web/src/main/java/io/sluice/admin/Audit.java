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
        recordAs(user == null ? "unknown" : user.getName(), action, target, before, after);
    }

    /** For a change made without a login, by whoever holds a signed link: {@code who} names the link. */
    public void recordAs(String who, String action, String target, Object before, Object after) {
        log.record(who, request.getRemoteAddr(), action, target, json(before), json(after));
    }

    private static String json(Object o) {
        return o == null ? null : JSON.toJson(o);
    }
}
