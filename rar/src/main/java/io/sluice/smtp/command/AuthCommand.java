package io.sluice.smtp.command;

import io.sluice.api.Decision;
import io.sluice.api.Phase;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
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
public final class AuthCommand implements CommandHandler<AuthCommand.Start> {

    /** RFC 4954 §4: a client response may be up to 12288 octets. */
    private static final int MAX_RESPONSE = 12288;
    /** RFC 4954 §4: the server's challenges are base64 ("Username:", "Password:" for LOGIN). */
    private static final String USERNAME_CHALLENGE = "VXNlcm5hbWU6";
    private static final String PASSWORD_CHALLENGE = "UGFzc3dvcmQ6";

    /** AUTH's argument: the mechanism (upper case) and the initial response, or {@code null}. */
    public record Start(String mechanism, String initial) {
    }

    @Override
    public Start parse(String argument, Session session) throws Refusal {
        String[] parts = argument.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) {
            throw new Refusal(Replies.AUTH_UNKNOWN_MECHANISM);
        }
        return new Start(mechanism, parts.length > 1 ? parts[1].trim() : null);
    }

    @Override
    public void handle(Session session, Start start) throws IOException {
        String mechanism = start.mechanism();
        String initial = start.initial();
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
                String name = initial != null ? initial : challenge(session, USERNAME_CHALLENGE);
                if (name == null) {
                    return;
                }
                String secret = challenge(session, PASSWORD_CHALLENGE);
                if (secret == null) {
                    return;
                }
                user = decode(name);
                password = decode(secret);
            }
            default -> throw new IllegalStateException("parse() lets no other mechanism through");
        }
        if (user == null || password == null || user.isEmpty()) {
            session.reply(Replies.AUTH_BAD_RESPONSE);
            return;
        }
        String who = user;
        String secret = password;
        Decision decision = session.decide(Phase.AUTH, l -> l.authenticate(session.client(), who, secret));
        if (decision.accepted()) {
            session.authenticated(user);
            session.reply(Replies.AUTH_OK);
        } else if (decision instanceof Decision.TemporaryFailure) {
            // the listener's own 454 says why (say, too many failures from this address); no other code is passed on
            Reply reply = decision.reply();
            session.reply(reply.code() == ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE ? reply : Replies.AUTH_TEMPORARY);
        } else if (decision instanceof Decision.Disconnect) {
            session.answer(decision, null);
        } else {
            failed(session);
        }
    }

    private static void failed(Session session) throws IOException {
        int failures = session.authFailed();
        session.pause(session.settings().authFailureDelay());
        if (failures >= session.settings().maxAuthFailures()) {
            session.reply(Replies.AUTH_TOO_MANY);
            session.closeAfterReply();
        } else {
            session.reply(Replies.AUTH_FAILED);
        }
    }

    /** Sends a 334 challenge and reads the response; {@code null} (after replying) when cancelled or unusable. */
    private static String challenge(Session session, String text) throws IOException {
        session.reply(Reply.of(ReplyCode.AUTH_CHALLENGE, null, text));
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
