package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.api.ClientOrigin;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * AUTH: the mail server owns the accounts, so the credentials are checked with its own AUTH on a
 * separate session. Its 235 accepts them, its 5xx refuses them, anything else (unreachable, no
 * AUTH offered) is a temporary failure. Passwords are never logged or kept.
 */
@ApplicationScoped
public class AuthStage {

    private static final Logger LOG = Logger.getLogger(AuthStage.class.getName());
    static final Reply ACCEPTED = Reply.of(235, "2.7.0", "Authentication successful");
    static final Reply REFUSED = Reply.of(535, "5.7.8", "Error: authentication failed");
    static final Reply UNAVAILABLE = Reply.of(454, EnhancedStatus.TEMPORARY_POLICY, "Temporary authentication failure");

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Inject
    Downstream downstream;

    public Reply authenticate(ClientInfo client, String user, String password) {
        Reply verdict;
        try {
            Reply r = downstream.call("AUTH", c -> c.authenticate(ClientOrigin.of(client), user, password));
            verdict = r.code() == 235 ? ACCEPTED : r.code() >= 500 ? REFUSED : UNAVAILABLE;
            String outcome = verdict == ACCEPTED ? "accepted" : verdict == REFUSED ? "refused" : "not checked";
            LOG.info(() -> "client " + client.address() + " AUTH as " + printable(user) + ": " + outcome
                    + " (mail server: " + r + ")");
        } catch (ResourceException | RelayException e) {
            verdict = UNAVAILABLE;
            LOG.warning(() -> "client " + client.address() + " AUTH as " + printable(user)
                    + ": cannot ask the mail server: " + e.getMessage());
        }
        (verdict == ACCEPTED ? succeeded : failed).increment();
        return verdict;
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** A user name as typed by a client, safe for one log line. */
    private static String printable(String s) {
        return s.replaceAll("[\\p{Cntrl}]", "?");
    }
}
