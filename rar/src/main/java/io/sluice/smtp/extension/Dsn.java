package io.sluice.smtp.extension;

import io.sluice.api.MailParameters;
import io.sluice.api.Reply;
import io.sluice.smtp.DsnParameters;
import io.sluice.smtp.Refusal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DSN (RFC 3461): RET and ENVID at MAIL, NOTIFY and ORCPT at RCPT, checked for form only (the
 * gateway never bounces) and passed on when the mail server offers DSN; without it they are left out.
 */
final class Dsn implements Extension {

    private static final List<String> RCPT = List.of("NOTIFY", "ORCPT");

    @Override
    public String keyword() {
        return "DSN";
    }

    @Override
    public boolean offered(SessionView session) {
        return true;
    }

    @Override
    public Set<String> mailParameters() {
        return Set.of("RET", "ENVID");
    }

    @Override
    public MailParameters acceptMail(String keyword, String value, MailParameters into, SessionView session)
            throws Refusal {
        Reply refusal = DsnParameters.checkMail(keyword, value);
        if (refusal != null) {
            throw new Refusal(refusal);
        }
        return keyword.equals("RET") ? into.withRet(MailParameters.Ret.valueOf(value.toUpperCase(Locale.ROOT)))
                : into.withEnvelopeId(value);
    }

    @Override
    public Set<String> rcptParameters() {
        return Set.copyOf(RCPT);
    }

    @Override
    public Reply checkRcpt(String keyword, String value) {
        return DsnParameters.checkRcpt(keyword, value);
    }

    @Override
    public void passOnMail(MailParameters parameters, RelayView relay, StringBuilder mail) {
        if (!relay.offers(keyword())) {
            return;
        }
        if (parameters.ret() != null) {
            mail.append(" RET=").append(parameters.ret().name());
        }
        if (parameters.envelopeId() != null) {
            mail.append(" ENVID=").append(parameters.envelopeId());
        }
    }

    @Override
    public void passOnRcpt(Map<String, String> parameters, RelayView relay, StringBuilder rcpt) {
        if (parameters == null || !relay.offers(keyword())) {
            return;
        }
        for (String key : RCPT) {
            if (parameters.get(key) != null) {
                rcpt.append(' ').append(key).append('=').append(parameters.get(key));
            }
        }
    }
}
