package io.sluice.smtp;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The replies that name the server (greeting, HELO/EHLO, and the 421s, which RFC 5321 §4.2 wants to
 * start with the domain), built once per server from its settings.
 */
public final class HostReplies {

    private final Reply greeting;
    private final Reply helo;
    private final List<String> ehloBase; // the extensions every session offers
    private final Reply timeout;
    private final Reply tooManyConnections;
    private final Reply shuttingDown;
    private final Reply tooManyErrors;

    public HostReplies(SmtpSettings settings) {
        String host = settings.hostname();
        // RFC 2034 §3: no enhanced status on the greeting and the HELO/EHLO replies
        greeting = Reply.of(ReplyCode.SERVICE_READY, null, host + " ESMTP Sluice");
        helo = Reply.of(ReplyCode.OK, null, host);
        List<String> lines = new ArrayList<>();
        lines.add(host);
        lines.add("PIPELINING");
        lines.add("SIZE " + settings.maxMessageSize());
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("DSN");
        ehloBase = List.copyOf(lines);
        timeout = withHost(Replies.TIMEOUT, host);
        tooManyConnections = withHost(Replies.TOO_MANY_CONNECTIONS, host);
        shuttingDown = withHost(Replies.SHUTTING_DOWN, host);
        tooManyErrors = withHost(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "4.7.0", "Error: too many errors"), host);
    }

    private static Reply withHost(Reply reply, String host) {
        return Reply.of(reply.code(), reply.status(), host + " " + reply.text());
    }

    public Reply greeting() {
        return greeting;
    }

    public Reply helo() {
        return helo;
    }

    /**
     * The EHLO reply; STARTTLS is listed while it is on offer (RFC 3207 §4.2: not after the
     * handshake), AUTH while the client may authenticate, SMTPUTF8 and BINARYMIME while the mail
     * server behind takes them.
     */
    public Reply ehlo(boolean offerStartTls, boolean offerAuth, boolean offerSmtpUtf8, boolean offerBinaryMime) {
        List<String> lines = new ArrayList<>(ehloBase);
        if (offerBinaryMime) {
            lines.add("BINARYMIME");
        }
        if (offerSmtpUtf8) {
            lines.add("SMTPUTF8");
        }
        if (offerStartTls) {
            lines.add("STARTTLS");
        }
        if (offerAuth) {
            lines.add("AUTH PLAIN LOGIN");
        }
        return new Reply(ReplyCode.OK, null, lines);
    }

    public Reply timeout() {
        return timeout;
    }

    public Reply tooManyConnections() {
        return tooManyConnections;
    }

    public Reply tooManyErrors() {
        return tooManyErrors;
    }

    public Reply shuttingDown() {
        return shuttingDown;
    }

    /** The help text lists the verbs of the registry, so it cannot go stale; STARTTLS and AUTH only when on. */
    public static Reply help(SmtpSettings settings) {
        StringBuilder sb = new StringBuilder("Commands:");
        for (Verb verb : Verb.values()) {
            boolean off = verb == Verb.STARTTLS && settings.tlsMode() == TlsMode.OFF
                    || verb == Verb.AUTH && settings.authMode() == AuthMode.OFF;
            if (!off) {
                sb.append(' ').append(verb.name());
            }
        }
        return Reply.of(ReplyCode.HELP, EnhancedStatus.OK, sb.toString());
    }
}
