package io.sluice.smtp.extension;

import io.sluice.api.MailParameters;
import io.sluice.api.MailParameters.Body;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;

import java.util.Set;

/**
 * 8BITMIME (RFC 6152) and the BODY parameter it defines; BINARYMIME (RFC 3030) adds a value to
 * BODY, taken only while that extension is on offer. The relay passes BODY on when the mail server
 * offers the extension the value belongs to.
 */
final class EightBitMime implements Extension {

    @Override
    public String keyword() {
        return "8BITMIME";
    }

    @Override
    public boolean offered(SessionView session) {
        return true;
    }

    @Override
    public Set<String> mailParameters() {
        return Set.of("BODY");
    }

    @Override
    public MailParameters acceptMail(String keyword, String value, MailParameters into, SessionView session)
            throws Refusal {
        Body body = Body.of(value);
        if (body == Body.SEVEN_BIT || body == Body.EIGHT_BIT_MIME
                || body == Body.BINARY_MIME && session.offers(BinaryMime.KEYWORD)) {
            return into.withBody(body);
        }
        throw new Refusal(Replies.badParameter("BODY must be 7BIT or 8BITMIME"));
    }

    @Override
    public void passOnMail(MailParameters parameters, RelayView relay, StringBuilder mail) {
        Body body = parameters.body();
        if (body != null && relay.offers(body == Body.BINARY_MIME ? BinaryMime.KEYWORD : keyword())) {
            mail.append(" BODY=").append(body.keyword());
        }
    }
}
