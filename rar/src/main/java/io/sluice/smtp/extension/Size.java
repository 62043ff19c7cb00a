package io.sluice.smtp.extension;

import io.sluice.api.MailParameters;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;

import java.util.Set;

/**
 * SIZE (RFC 1870): the limit is announced, and a declared size over it is refused at MAIL (§6.2),
 * before the message is sent. The relay declares the real size of what it sends.
 */
final class Size implements Extension {

    @Override
    public String keyword() {
        return "SIZE";
    }

    @Override
    public boolean offered(SessionView session) {
        return true;
    }

    @Override
    public String ehloLine(SessionView session) {
        return "SIZE " + session.settings().maxMessageSize();
    }

    @Override
    public Set<String> mailParameters() {
        return Set.of("SIZE");
    }

    @Override
    public MailParameters acceptMail(String keyword, String value, MailParameters into, SessionView session)
            throws Refusal {
        if (value == null || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Refusal(Replies.badParameter("SIZE needs a number of octets"));
        }
        long size = Long.parseLong(value);
        if (size > session.settings().maxMessageSize()) {
            throw new Refusal(Replies.MESSAGE_TOO_BIG);
        }
        return into.withSize(size);
    }

    /** The size of what is sent; for a probe, the size the client declared. */
    @Override
    public void passOnMail(MailParameters parameters, RelayView relay, StringBuilder mail) {
        if (!relay.offers("SIZE")) {
            return;
        }
        long size = relay.size() >= 0 ? relay.size() : parameters.size();
        if (size != MailParameters.NO_SIZE) {
            mail.append(" SIZE=").append(size);
        }
    }
}
