package io.sluice.pipeline;

import io.sluice.limit.RateWindows;
import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.config.Connections;
import io.sluice.config.SettingsCache;
import io.sluice.policy.ConfigurationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Connection control by real client address, with the limits as the settings say now: concurrent
 * connections in all and per address and new connections per interval (checked before the
 * greeting), messages and recipients per interval (checked at RCPT), the greeting pause against
 * early talkers and the error limit (carried out by the SMTP session). A refusal closes the
 * connection; the engine puts its name in front of the 421.
 */
@ApplicationScoped
public class ConnectionGuard {

    @Inject
    SettingsCache settings;

    @Inject
    DownstreamExtensions extensions;

    private final RateWindows connections = new RateWindows();
    private final RateWindows messages = new RateWindows();
    private final RateWindows recipients = new RateWindows();

    public ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        Connections c = settings.current().connections();
        if (c.maxTotal() > 0 && total > c.maxTotal()) {
            return ConnectDecision.refuse(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.TEMPORARY_POLICY,
                    "Error: too many connections; try again later"));
        }
        if (c.maxPerAddress() > 0 && fromSameAddress > c.maxPerAddress()) {
            return ConnectDecision.refuse(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.TEMPORARY_POLICY,
                    "Error: too many connections from " + client.address() + "; try again later"));
        }
        if (!connections.allow(client.address(), c.connectionRate(), c.interval())) {
            return ConnectDecision.refuse(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.TEMPORARY_POLICY,
                    "Error: too many connections from " + client.address() + " in " + c.interval().toSeconds()
                    + " s; try again later"));
        }
        return new ConnectDecision(Decision.ACCEPT, c.greetPause().toMillis(), c.maxErrors(), c.errorDelay().toMillis(),
                extensions.offered());
    }

    /** At RCPT: the message (at its first recipient) and the recipient within the address's rates; else the refusal. */
    public Reply recipient(Transaction tx) {
        Connections c = settings.current().connections();
        String address = tx.client().address();
        if (tx.recipients().isEmpty() && !messages.allow(address, c.messageRate(), c.interval())) {
            return Reply.of(ReplyCode.ACTION_NOT_TAKEN_TEMPORARILY, EnhancedStatus.TEMPORARY_NOT_AUTHORIZED,
                    "Error: too many messages from " + address + "; try again later");
        }
        if (!recipients.allow(address, c.recipientRate(), c.interval())) {
            return Reply.of(ReplyCode.INSUFFICIENT_STORAGE, EnhancedStatus.TOO_MANY_RECIPIENTS,
                    "Error: too many recipients from " + address + "; try again later");
        }
        return null;
    }

    /** Forgets the counts when the configuration changes: new limits start from zero. */
    void reset(@Observes ConfigurationChanged change) {
        connections.clear();
        messages.clear();
        recipients.clear();
    }
}
