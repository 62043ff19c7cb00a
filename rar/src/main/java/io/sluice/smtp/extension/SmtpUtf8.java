package io.sluice.smtp.extension;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.MailParameters;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;

import java.util.Set;

/**
 * SMTPUTF8 (RFC 6531): offered while the mail server behind takes it, so nothing ever needs
 * downgrading. The parameter has no value; with it, addresses may be UTF-8 (the path parser
 * checks that).
 */
final class SmtpUtf8 implements Extension {

    private static final String KEYWORD = "SMTPUTF8";
    private static final Reply NOT_TAKEN = Reply.of(ReplyCode.MAILBOX_NAME_NOT_ALLOWED, EnhancedStatus.NON_ASCII_ADDRESS,
            "the mail server does not take SMTPUTF8 messages");

    @Override
    public String keyword() {
        return KEYWORD;
    }

    @Override
    public boolean offered(SessionView session) {
        return session.mailServerOffers(KEYWORD);
    }

    @Override
    public Set<String> mailParameters() {
        return Set.of(KEYWORD);
    }

    @Override
    public MailParameters acceptMail(String keyword, String value, MailParameters into, SessionView session)
            throws Refusal {
        if (!offered(session) || value != null) {
            throw new Refusal(Replies.unsupportedParameter(KEYWORD));
        }
        return into.withSmtpUtf8();
    }

    /** Sending it without SMTPUTF8 would be a lie about its addresses and header fields. */
    @Override
    public Reply unfitForRelay(MailParameters parameters, RelayView relay) {
        return parameters.smtpUtf8() && !relay.offers(KEYWORD) ? NOT_TAKEN : null;
    }

    @Override
    public void passOnMail(MailParameters parameters, RelayView relay, StringBuilder mail) {
        if (parameters.smtpUtf8() && relay.offers(KEYWORD)) {
            mail.append(' ').append(KEYWORD);
        }
    }
}
