package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.config.Connections;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.dns.Resolvers;
import io.sluice.policy.ConfigurationChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Connect, before the greeting: the steps in order may refuse the connection; if none does, it is
 * taken with the session limits the settings say now (the greeting pause against early talkers,
 * the error limit, carried out by the SMTP session) and what the mail server behind offers.
 *
 * <pre>
 * connection limits → IP block lists that refuse
 * </pre>
 */
@ApplicationScoped
public class ConnectPhase {

    /** What the connect steps look at. */
    record Connect(ClientInfo client, int fromSameAddress, int total, Connections limits) {
    }

    @Inject
    SettingsCache settings;

    @Inject
    DownstreamExtensions extensions;

    @Inject
    Resolvers resolvers;

    private ConnectionLimits limits;
    private List<PhaseStep<Connect>> steps;

    @PostConstruct
    void assemble() {
        limits = new ConnectionLimits();
        steps = List.of(limits, new DnsListRefusal(() -> settings.current().dnsLists(), resolvers::client));
    }

    /** The session's limits; and no call at MAIL while MAIL has nothing to check (one container call less per message). */
    public ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        RuntimeSettings current = settings.current();
        Connections c = current.connections();
        Decision refusal = PhaseStep.first(steps, new Connect(client, fromSameAddress, total, c));
        if (refusal != null) {
            return new ConnectDecision(refusal, 0, 0, 0);
        }
        ConnectDecision accept = new ConnectDecision(Decision.ACCEPT, c.greetPause().toMillis(), c.maxErrors(),
                c.errorDelay().toMillis(), extensions.offered());
        return MailPhase.decides(current) ? accept : accept.withoutCallAtMail();
    }

    /** New limits start from zero. */
    void reset(@Observes ConfigurationChanged change) {
        limits.clear();
    }
}
