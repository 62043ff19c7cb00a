package io.sluice.smtp.command;

import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.smtp.AuthMode;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.SessionState;
import io.sluice.smtp.io.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN. The listener checks the credentials (the
 * gateway asks the mail server, which owns the accounts); a failure is answered only after a
 * delay, and after a few failures the session ends. The listener's own 454 (an address that has
 * failed too often lately, say) reaches the client as it is and ends nothing.
 */
public final class AuthCommand implements CommandHandler {

    /** RFC 4954 §4: a client response may be up to 12288 octets. */
    private static final int MAX_RESPONSE = 12288;

    @Override
    public void handle(Session session, String argument) throws IOException {
        if (session.settings().authMode() == AuthMode.OFF) {
            session.reply(Replies.UNKNOWN_COMMAND);
            return;
        }
        if (session.state() == SessionState.CONNECTED) {
            session.reply(Replies.NEED_HELO);
            return;
        }
        if (session.client().authenticated()) {
            session.reply(Replies.AUTH_ALREADY);
            return;
        }
        if (session.state() != SessionState.GREETED) {
            session.reply(Replies.AUTH_IN_TRANSACTION);
            return;
        }
        if (!session.authOffered()) {
            session.reply(Replies.AUTH_NEEDS_TLS);
            return;
        }
        String[] parts = argument.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1].trim() : null;
        String user;
        String password;
        switch (mechanism) {
            case "PLAIN" -> {
                String response = initial != null ? initial : challenge(session, "");
                if (response == null) {
                    return;
                }
                String[] credentials = plain(response);
                if (credentials == null) {
                    session.reply(Replies.AUTH_BAD_RESPONSE);
                    return;
                }
                user = credentials[0];
                password = credentials[1];
            }
            case "LOGIN" -> {
                String name = initial != null ? initial : challenge(session, "VXNlcm5hbWU6"); // "Username:"
                if (name == null) {
                    return;
                }
                String secret = challenge(session, "UGFzc3dvcmQ6"); // "Password:"
                if (secret == null) {
                    return;
                }
                user = decode(name);
                password = decode(secret);
            }
            default -> {
                session.reply(Replies.AUTH_UNKNOWN_MECHANISM);
                return;
            }
        }
        if (user == null || password == null || user.isEmpty()) {
            session.reply(Replies.AUTH_BAD_RESPONSE);
            return;
        }
        String who = user;
        String secret = password;
        Reply verdict = session.ask("AUTH", l -> l.authenticate(session.client(), who, secret), Replies.AUTH_TEMPORARY);
        if (verdict.code() == ReplyCode.AUTHENTICATION_SUCCEEDED) {
            session.authenticated(user);
            session.reply(Replies.AUTH_OK);
        } else if (verdict.isTransientFailure()) {
            // the listener's own 454 says why (say, too many failures from this address); no other code is passed on
            session.reply(verdict.code() == ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE ? verdict : Replies.AUTH_TEMPORARY);
        } else {
            failed(session);
        }
    }

    private static void failed(Session session) throws IOException {
        int failures = session.authFailed();
        try {
            Thread.sleep(session.settings().authFailureDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failures >= session.settings().maxAuthFailures()) {
            session.reply(Replies.AUTH_TOO_MANY);
            session.closeAfterReply();
        } else {
            session.reply(Replies.AUTH_FAILED);
        }
    }

    /** Sends a 334 challenge and reads the response; {@code null} (after replying) when cancelled or unusable. */
    private static String challenge(Session session, String text) throws IOException {
        session.reply(Reply.of(334, null, text));
        session.flush();
        CommandLine line = session.input().readCommandLine(MAX_RESPONSE);
        if (line.status() == CommandLine.Status.END_OF_STREAM) {
            throw new java.io.EOFException("connection closed during AUTH");
        }
        if (line.status() != CommandLine.Status.OK) {
            session.reply(Replies.AUTH_BAD_RESPONSE);
            return null;
        }
        if (line.text().trim().equals("*")) {
            session.reply(Replies.AUTH_CANCELLED);
            return null;
        }
        return line.text().trim();
    }

    /**
     * PLAIN's response (RFC 4616 §2: authzid NUL authcid NUL passwd, in base64) as user and
     * password; {@code null} when it is no such thing. An authzid other than the user (acting for
     * someone else) is not offered.
     */
    static String[] plain(String response) {
        String decoded = decode(response);
        String[] fields = decoded == null ? new String[0] : decoded.split("\0", -1);
        if (fields.length != 3 || !fields[0].isEmpty() && !fields[0].equals(fields[1])) {
            return null;
        }
        return new String[] {fields[1], fields[2]};
    }

    /** Base64 to UTF-8 text; "=" is the empty response; {@code null} when it is no base64. */
    static String decode(String base64) {
        if (base64.equals("=")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
