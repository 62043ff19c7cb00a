package io.sluice.smtp.extension;

import io.sluice.api.MailParameters;
import io.sluice.api.Reply;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;

import java.util.Map;
import java.util.Set;

/**
 * One ESMTP service extension (RFC 5321 §2.2), everything about it in one place: its EHLO keyword
 * and when it is on offer, the MAIL and RCPT parameters it defines (checked and made typed here),
 * what it forbids later in the transaction, and how the relay passes it on to the mail server.
 * Units are stateless and listed once, in {@link Extensions}.
 *
 * <p>Call order: {@link #ehloLine} at each EHLO; {@link #acceptMail} for each of its MAIL
 * parameters in the order the client gave them; {@link #checkRcpt} for each of its RCPT
 * parameters; {@link #refuseData} at DATA; on the relay side {@link #unfitForRelay} before a
 * message or probe is sent, then {@link #passOnMail} and {@link #passOnRcpt} to build the commands.
 */
public interface Extension {

    /** The EHLO keyword (upper case). */
    String keyword();

    /** Whether it is on offer in this session now. */
    boolean offered(SessionView session);

    /** The EHLO line it adds when offered: the keyword, with its parameters if it has any. */
    default String ehloLine(SessionView session) {
        return keyword();
    }

    /** The MAIL parameter keywords it defines (upper case). */
    default Set<String> mailParameters() {
        return Set.of();
    }

    /**
     * Takes one of its MAIL parameters ({@code value} is {@code null} for a bare keyword).
     *
     * @return {@code into} with the parameter added
     * @throws Refusal the parameter is refused with its reply
     */
    default MailParameters acceptMail(String keyword, String value, MailParameters into, SessionView session)
            throws Refusal {
        throw new Refusal(Replies.unsupportedParameter(keyword));
    }

    /** The RCPT parameter keywords it defines (upper case). */
    default Set<String> rcptParameters() {
        return Set.of();
    }

    /** Checks one of its RCPT parameters: {@code null} when acceptable, else the refusal. */
    default Reply checkRcpt(String keyword, String value) {
        return Replies.unsupportedParameter(keyword);
    }

    /** Why DATA may not carry this transaction's message, or {@code null}. */
    default Reply refuseData(MailParameters parameters) {
        return null;
    }

    /** Why the mail server cannot be given this message at all, or {@code null}. */
    default Reply unfitForRelay(MailParameters parameters, RelayView relay) {
        return null;
    }

    /** Appends what it passes on in the relay's MAIL command (" KEY=value"). */
    default void passOnMail(MailParameters parameters, RelayView relay, StringBuilder mail) {
    }

    /** Appends what it passes on in the relay's RCPT command for one recipient's parameters. */
    default void passOnRcpt(Map<String, String> parameters, RelayView relay, StringBuilder rcpt) {
    }
}
