package io.sluice.audit;

import io.sluice.persistence.Where;

import java.time.Instant;
import java.util.Locale;

/** A search of the audit log; each filter left out matches everything. */
public record AuditQuery(String user, String action, String target, Instant from, Instant until) {

    Where where() {
        return new Where()
                .equal("username", user == null ? null : user.trim())
                .equal("action", action == null ? null : action.trim().toLowerCase(Locale.ROOT))
                .contains("target", target)
                .atOrAfter("at", from)
                .before("at", until);
    }
}
