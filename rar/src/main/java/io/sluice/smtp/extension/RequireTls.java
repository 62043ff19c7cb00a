package io.sluice.smtp.extension;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.MailParameters;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;

import java.util.Set;

/**
 * REQUIRETLS (RFC 8689): the sender asks that the message only ever travel over TLS, to servers
 * that honour the same request. The gateway offers it only on an encrypted session (§4.1 wants
 * the parameter received over TLS) and only while the mail server behind offers it, since it
 * cannot promise more than the next hop does. The relay passes it on only over TLS to a mail
 * server that offers it; otherwise the message is refused with the RFC's 5.7.30 (§5), answered
 * to the client rather than bounced, as the gateway never bounces.
 *
 * <p>The TLS-Required header field (§3) needs nothing here: "TLS-Required: No" asks relays to
 * ignore recipient-side TLS policies (MTA-STS, DANE), which the gateway does not apply to its one
 * configured mail server, and it is passed on unchanged with the content. The gateway never lowers
 * its configured downstream TLS for it.
 */
final class RequireTls implements Extension {

    static final String KEYWORD = "REQUIRETLS";
    /** RFC 8689 §7.3 registers 5.7.30 with the basic code 550. */
    static final Reply SUPPORT_REQUIRED = Reply.of(ReplyCode.MAILBOX_UNAVAILABLE, EnhancedStatus.REQUIRETLS_NEEDED,
            "REQUIRETLS support required");

    @Override
    public String keyword() {
        return KEYWORD;
    }

    @Override
    public boolean offered(SessionView session) {
        return session.tlsActive() && session.mailServerOffers(KEYWORD);
    }

    @Override
    public Set<String> mailParameters() {
        return Set.of(KEYWORD);
    }

    @Override
    public MailParameters acceptMail(String keyword, String value, MailParameters into, SessionView session)
            throws Refusal {
        if (!session.tlsActive()) {
            throw new Refusal(Replies.unsupportedParameter(KEYWORD)); // never offered in plain text
        }
        if (value != null) {
            throw new Refusal(Replies.badParameter("REQUIRETLS takes no value"));
        }
        if (!session.mailServerOffers(KEYWORD)) {
            throw new Refusal(SUPPORT_REQUIRED); // the next hop would have to refuse it: say so now
        }
        return into.withRequireTls();
    }

    /** §4.2.1: only over TLS, and only to a server that lists REQUIRETLS after the handshake. */
    @Override
    public Reply unfitForRelay(MailParameters parameters, RelayView relay) {
        return parameters.requireTls() && !(relay.tls() && relay.offers(KEYWORD)) ? SUPPORT_REQUIRED : null;
    }

    @Override
    public void passOnMail(MailParameters parameters, RelayView relay, StringBuilder mail) {
        if (parameters.requireTls()) {
            mail.append(' ').append(KEYWORD);
        }
    }
}
