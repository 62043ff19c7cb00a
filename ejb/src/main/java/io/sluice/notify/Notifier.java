package io.sluice.notify;

import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.pipeline.Downstream;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.NotifyTarget;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends notifications through the downstream pool, in the background so that no client waits for
 * them. Every notification has the null reverse-path, so nothing ever bounces back to the gateway;
 * none goes to a null or postmaster/MAILER-DAEMON sender, and virus notifications to the sender
 * (usually forged) only when the settings allow it: no backscatter.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    private static final long[] RETRY_DELAYS_MILLIS = {2_000, 10_000, 60_000};

    @Inject
    Downstream downstream;

    @Inject
    TemplateService templates;

    @Inject
    SettingsCache settings;

    @Resource
    ManagedExecutorService executor;

    /** Sends what the NOTIFY actions ask for about one message; {@code quarantined} picks the default text. */
    public void notify(List<ActionSpec> actions, Notice notice, boolean quarantined) {
        if (actions.isEmpty()) {
            return;
        }
        RuntimeSettings s = settings.current();
        executor.submit(() -> {
            for (ActionSpec a : actions) {
                for (String to : addresses(a.target(), notice, s)) {
                    send(notice.queueId(), templateFor(a, notice, quarantined), to, notice.hostname(), notice.values());
                }
            }
        });
    }

    /** Who a NOTIFY action writes to; empty when nobody may be written to. */
    static List<String> addresses(NotifyTarget target, Notice notice, RuntimeSettings s) {
        return switch (target) {
            case ADMIN -> s.adminAddress() == null || s.adminAddress().isBlank() ? List.of() : List.of(s.adminAddress());
            case SENDER -> !mayWriteTo(notice.sender()) || !notice.viruses().isEmpty() && !s.notifySenderOnVirus()
                    ? List.of() : List.of(notice.sender());
            case RECIPIENTS -> notice.recipients();
        };
    }

    /** Never the null sender, a postmaster or a mailer daemon: they must not get automatic replies. */
    static boolean mayWriteTo(String sender) {
        if (sender == null || sender.isEmpty()) {
            return false;
        }
        int at = sender.lastIndexOf('@');
        String local = (at < 0 ? sender : sender.substring(0, at)).toLowerCase(Locale.ROOT);
        return !local.equals("postmaster") && !local.equals("mailer-daemon") && !local.equals("<>");
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
        return send(queueId, template, to, hostname, values, RETRY_DELAYS_MILLIS);
    }

    /** As {@link #send}, but only one attempt: for mail that the next scheduled run sends again. */
    public boolean sendOnce(String queueId, String template, String to, String hostname, Map<String, String> values) {
        return send(queueId, template, to, hostname, values, new long[0]);
    }

    private boolean send(String queueId, String template, String to, String hostname, Map<String, String> values,
                         long[] retryDelays) {
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
            if (attempt >= retryDelays.length) {
                String why = failure;
                LOG.warning(() -> queueId + ": notification " + template + " to=<" + to + "> given up: " + why);
                return false;
            }
            try {
                Thread.sleep(retryDelays[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(Level.WARNING, queueId + ": notification to <" + to + "> interrupted");
                return false;
            }
        }
    }
}
