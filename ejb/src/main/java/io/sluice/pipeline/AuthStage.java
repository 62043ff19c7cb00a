package io.sluice.pipeline;

import io.sluice.api.AuthReplies;
import io.sluice.api.ClientInfo;
import io.sluice.api.ClientOrigin;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.downstream.Downstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * AUTH: the mail server owns the accounts, so the credentials are checked with its own AUTH on a
 * separate session. Its 235 accepts them, its 5xx refuses them, anything else (unreachable, no
 * AUTH offered) is a temporary failure. An address that has failed too often lately is refused
 * without asking ({@link AuthFailures}). Passwords are never logged or kept.
 *
 * <p>Each failure is logged (WARNING) as one line of a fixed form that fail2ban and the like can
 * match; the README documents it, so change it only together with the README and the shipped
 * filter: {@code AUTH failed: client=ADDRESS user=NAME reason=REASON}, the reason being
 * {@code invalid-credentials} (the mail server's reply follows in parentheses) or
 * {@code too-many-failures} (only for the first refused attempt of an interval, so that a client
 * cannot flood the log). The user name is made safe for one line and cannot forge a field.
 */
@ApplicationScoped
public class AuthStage {

    private static final Logger LOG = Logger.getLogger(AuthStage.class.getName());
    static final Reply ACCEPTED = AuthReplies.SUCCEEDED;
    static final Reply REFUSED = AuthReplies.FAILED;
    static final Reply UNAVAILABLE = AuthReplies.TEMPORARY_FAILURE;
    /** The longest user name logged (RFC 4954 allows 12,288 octets of response). */
    private static final int MAX_LOGGED_USER = 64;

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Inject
    Downstream downstream;

    @Inject
    AuthFailures failures;

    public Reply authenticate(ClientInfo client, String user, String password) {
        int beyondLimit = failures.begin(client.address());
        if (beyondLimit > 0) {
            return tooManyFailures(client, user, beyondLimit == 1);
        }
        Reply verdict = UNAVAILABLE; // unless the mail server answers
        try {
            Reply r = downstream.call("AUTH", c -> c.authenticate(ClientOrigin.of(client), user, password));
            verdict = r.code() == ReplyCode.AUTHENTICATION_SUCCEEDED ? ACCEPTED : r.code() >= 500 ? REFUSED : UNAVAILABLE;
            if (verdict == REFUSED) {
                LOG.warning(() -> failure(client.address(), user, "invalid-credentials") + " (mail server: " + r + ")");
            } else {
                String outcome = verdict == ACCEPTED ? "accepted" : "not checked";
                LOG.info(() -> "client " + client.address() + " AUTH as " + printable(user) + ": " + outcome
                        + " (mail server: " + r + ")");
            }
        } catch (ResourceException | RelayException e) {
            LOG.warning(() -> "client " + client.address() + " AUTH as " + printable(user)
                    + ": cannot ask the mail server: " + e.getMessage());
        } finally {
            failures.settle(client.address(), verdict == REFUSED);
        }
        (verdict == ACCEPTED ? succeeded : failed).increment();
        return verdict;
    }

    /** Refused without asking the mail server; logged once per interval, then only at FINE. */
    private Reply tooManyFailures(ClientInfo client, String user, boolean first) {
        String line = failure(client.address(), user, "too-many-failures");
        LOG.log(first ? Level.WARNING : Level.FINE, line);
        failed.increment();
        return GatewayReplies.tooManyAuthFailures(client.address());
    }

    /** The documented, stable log line of a failure (see the class comment). */
    static String failure(String address, String user, String reason) {
        return "AUTH failed: client=" + address + " user=" + printable(user) + " reason=" + reason;
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /**
     * A user name as typed by a client, safe for one log line: control and format characters, line
     * and paragraph separators and every kind of space become "?", so it can neither end the line
     * nor forge another field, and a long one is cut short.
     */
    static String printable(String s) {
        String safe = s.replaceAll("[\\p{C}\\p{Z}\\s]", "?");
        return safe.codePointCount(0, safe.length()) <= MAX_LOGGED_USER ? safe
                : safe.substring(0, safe.offsetByCodePoints(0, MAX_LOGGED_USER)) + "...";
    }
}
