package io.sluice.notify;

import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.downstream.Downstream;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.Address;
import io.sluice.policy.NotifyTarget;
import io.sluice.time.Pauser;
import io.sluice.tracking.GatewayMetrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends notifications through the downstream pool, in the background so that no client waits for
 * them. Every notification has the null reverse-path, so nothing ever bounces back to the gateway.
 * No backscatter: the sender of a message is written to only as {@link #senderMayBeTold} says.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofMinutes(1));

    @Inject
    Downstream downstream;

    @Inject
    TemplateService templates;

    @Inject
    SettingsCache settings;

    @Inject
    GatewayMetrics metrics;

    @Resource
    ManagedExecutorService executor;

    /** How the retries wait; a test's own sees each delay without waiting for it. */
    Pauser pauser = Pauser.SLEEP;

    /** Sends what the NOTIFY actions ask for about one message; {@code quarantined} picks the default text. */
    public void notify(List<ActionSpec> actions, Notice notice, boolean quarantined) {
        if (actions.isEmpty()) {
            return;
        }
        RuntimeSettings s = settings.current();
        executor.submit(() -> {
            try {
                for (ActionSpec a : actions) {
                    for (String to : addresses(a.target(), notice, s)) {
                        send(notice.queueId(), templateFor(a, notice, quarantined), to, notice.hostname(), notice.values());
                    }
                }
            } finally {
                metrics.notificationsHandled();
            }
        });
    }

    /** Who a NOTIFY action writes to; empty when nobody may be written to. */
    static List<String> addresses(NotifyTarget target, Notice notice, RuntimeSettings s) {
        return switch (target) {
            case ADMIN -> s.general().adminAddress() == null || s.general().adminAddress().isBlank() ? List.of()
                    : List.of(s.general().adminAddress());
            case SENDER -> senderMayBeTold(notice, s.notifications().senderOnVirus()) ? List.of(notice.sender()) : List.of();
            case RECIPIENTS -> notice.recipients();
        };
    }

    /**
     * The one rule for writing to the sender of a message. The envelope sender of mail from the
     * Internet is forged more often than not, and a notice to it is backscatter, so:
     * <ul>
     * <li>only a NOTIFY action whose target is SENDER writes to the sender (the only caller); the
     * seeded default policy has none, the built-in templates pick no one, and neither
     * {@code notifications.senderOnVirus} nor anything else adds one;</li>
     * <li>never to the null sender, a postmaster or a mailer daemon, in any spelling
     * ({@code "Postmaster"@Example.ORG.} too): automatic mail must not answer automatic mail;</li>
     * <li>about a virus only when {@code senderOnVirus} is set, since viruses forge their senders.</li>
     * </ul>
     * This holds whether the client authenticated or not: AUTH proves the client, not the MAIL FROM
     * it gives, so an authenticated sender is no safer a destination for a virus notice.
     */
    static boolean senderMayBeTold(Notice notice, boolean senderOnVirus) {
        return mayWriteTo(notice.sender()) && (notice.viruses().isEmpty() || senderOnVirus);
    }

    /** A mailbox with a domain, and not a postmaster or a mailer daemon: they must not get automatic replies. */
    static boolean mayWriteTo(String sender) {
        Address a = Address.of(sender);
        return !a.domain().isEmpty() && !a.localPart().equals("postmaster") && !a.localPart().equals("mailer-daemon");
    }

    /** The action's template, else the built-in one for the target and the verdict. */
    static String templateFor(ActionSpec a, Notice notice, boolean quarantined) {
        if (a.template() != null && !a.template().isBlank()) {
            return a.template();
        }
        String target = a.target().name().toLowerCase(Locale.ROOT);
        if (!notice.viruses().isEmpty()) {
            return "virus-" + target;
        }
        return quarantined && a.target() == NotifyTarget.RECIPIENTS ? "quarantine-recipients" : target;
    }

    /**
     * Renders {@code template} for one address and relays it, trying again a few times when the
     * downstream is unavailable; returns whether it was accepted.
     */
    public boolean send(String queueId, String template, String to, String hostname, Map<String, String> values) {
        return send(queueId, template, to, hostname, values, RETRY_DELAYS);
    }

    /** As {@link #send}, but only one attempt: for mail that the next scheduled run sends again. */
    public boolean sendOnce(String queueId, String template, String to, String hostname, Map<String, String> values) {
        return send(queueId, template, to, hostname, values, List.of());
    }

    private boolean send(String queueId, String template, String to, String hostname, Map<String, String> values,
                         List<Duration> retryDelays) {
        TemplateData t = templates.lookup(template).or(() -> {
            LOG.warning(() -> queueId + ": notification template " + template + " does not exist; using admin");
            return templates.lookup("admin");
        }).orElseThrow();
        byte[] mail = NotificationMail.build(hostname, to, Placeholders.render(t.subject(), values),
                Placeholders.render(t.body(), values));
        RelayEnvelope envelope = new RelayEnvelope("", List.of(to), Map.of());
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                RelayResult r = downstream.call(queueId, c -> c.send(envelope, MessageSource.of(mail)));
                if (r.delivered()) {
                    LOG.info(() -> queueId + ": notification " + template + " to=<" + to + "> sent (" + r.finalReply() + ")");
                    return true;
                }
                Reply refusal = r.refusal();
                if (!refusal.isTransientFailure()) {
                    LOG.warning(() -> queueId + ": notification " + template + " to=<" + to + "> refused (" + refusal + ")");
                    return false;
                }
                failure = refusal.toString();
            } catch (ResourceException | RelayException e) {
                failure = e.getMessage();
            }
            if (attempt >= retryDelays.size()) {
                String why = failure;
                LOG.warning(() -> queueId + ": notification " + template + " to=<" + to + "> given up: " + why);
                return false;
            }
            try {
                pauser.pause(retryDelays.get(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(Level.WARNING, queueId + ": notification to <" + to + "> interrupted");
                return false;
            }
        }
    }
}
