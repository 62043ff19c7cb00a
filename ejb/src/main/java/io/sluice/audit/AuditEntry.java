package io.sluice.audit;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * One change as the audit log keeps it.
 *
 * @param id      the entry's number, in the order written ({@code null} before it is)
 * @param at      when the change was made
 * @param user    who made it: the admin user logged in to the API or the console
 * @param address the client address the request came from
 * @param action  what was done: create, update, delete, reorder, release, ...
 * @param target  what it was done to, e.g. "policy 12 Executives", "settings", "quarantine 06H2..."
 * @param before  the target before, as JSON, or {@code null} (a creation)
 * @param after   the target after, as JSON, or {@code null} (a deletion)
 */
@JsonbPropertyOrder({"id", "at", "user", "address", "action", "target", "before", "after"})
public record AuditEntry(Long id, Instant at, String user, String address, String action, String target,
                         String before, String after) {
}
