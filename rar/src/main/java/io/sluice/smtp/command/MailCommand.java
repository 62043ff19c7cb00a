package io.sluice.smtp.command;

import io.sluice.api.Reply;
import io.sluice.smtp.DsnParameters;
import io.sluice.smtp.PathArgument;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;

import java.util.Map;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2): opens a transaction. Checks the declared SIZE against the limit at
 * once (RFC 1870 §6.2), so an oversized message is refused before it is sent.
 */
public final class MailCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) {
        switch (session.state()) {
            case CONNECTED -> {
                session.reply(Replies.NEED_HELO);
                return;
            }
            case MAIL, RCPT -> {
                session.reply(Replies.NESTED_MAIL);
                return;
            }
            default -> {
            }
        }
        if (session.tlsRequired()) {
            session.reply(Replies.TLS_REQUIRED);
            return;
        }
        PathArgument path;
        try {
            path = PathArgument.parse(argument, "FROM:", true, false);
        } catch (PathArgument.Invalid e) {
            session.reply(switch (e.problem()) {
                case SYNTAX -> Replies.syntax("MAIL FROM:<address>");
                case ADDRESS -> Replies.BAD_SENDER;
                case NON_ASCII -> Replies.NON_ASCII_ADDRESS;
                case PARAMETER -> Replies.badParameter(e.getMessage());
            });
            return;
        }
        for (Map.Entry<String, String> p : path.parameters().entrySet()) {
            Reply refusal = p.getKey().equals("SMTPUTF8") ? (session.smtpUtf8Offered() && p.getValue() == null ? null
                    : Replies.unsupportedParameter("SMTPUTF8"))
                    : p.getKey().equals("BODY") && "BINARYMIME".equalsIgnoreCase(p.getValue())
                    && session.binaryMimeOffered() ? null
                    : checkParameter(p.getKey(), p.getValue(), session.settings().maxMessageSize());
            if (refusal != null) {
                session.reply(refusal);
                return;
            }
        }
        session.beginTransaction(path.address(), path.parameters());
        session.reply(Replies.SENDER_OK);
    }

    /** Returns {@code null} when the parameter is acceptable, else the refusal. */
    private static Reply checkParameter(String key, String value, long maxSize) {
        switch (key) {
            case "SIZE":
                if (value == null || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Replies.badParameter("SIZE needs a number of octets");
                }
                return Long.parseLong(value) > maxSize ? Replies.MESSAGE_TOO_BIG : null;
            case "BODY":
                return "7BIT".equalsIgnoreCase(value) || "8BITMIME".equalsIgnoreCase(value)
                        ? null : Replies.badParameter("BODY must be 7BIT or 8BITMIME");
            case "RET", "ENVID":
                return DsnParameters.checkMail(key, value);
            default:
                return Replies.unsupportedParameter(key);
        }
    }
}
