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
    private final Reply ehlo;
    private final Reply ehloWithStartTls;
    private final Reply timeout;
    private final Reply tooManyConnections;
    private final Reply shuttingDown;

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
        ehlo = new Reply(ReplyCode.OK, null, List.copyOf(lines));
        lines.add("STARTTLS");
        ehloWithStartTls = new Reply(ReplyCode.OK, null, List.copyOf(lines));
        timeout = withHost(Replies.TIMEOUT, host);
        tooManyConnections = withHost(Replies.TOO_MANY_CONNECTIONS, host);
        shuttingDown = withHost(Replies.SHUTTING_DOWN, host);
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

    /** The EHLO reply; STARTTLS is listed while it is on offer (RFC 3207 §4.2: not after the handshake). */
    public Reply ehlo(boolean offerStartTls) {
        return offerStartTls ? ehloWithStartTls : ehlo;
    }

    public Reply timeout() {
        return timeout;
    }

    public Reply tooManyConnections() {
        return tooManyConnections;
    }

    public Reply shuttingDown() {
        return shuttingDown;
    }

    /** The help text lists the verbs of the registry, so it cannot go stale; STARTTLS only when it is on. */
    public static Reply help(boolean withStartTls) {
        StringBuilder sb = new StringBuilder("Commands:");
        for (Verb verb : Verb.values()) {
            if (verb != Verb.STARTTLS || withStartTls) {
                sb.append(' ').append(verb.name());
            }
        }
        return Reply.of(ReplyCode.HELP, EnhancedStatus.OK, sb.toString());
    }
}
