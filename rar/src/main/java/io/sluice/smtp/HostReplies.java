package io.sluice.smtp;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;

import io.sluice.smtp.extension.Extensions;
import io.sluice.smtp.extension.SessionView;

import java.util.ArrayList;
import java.util.List;

/**
 * The replies that name the server (greeting, HELO/EHLO, and the 421s, which RFC 5321 §4.2 wants to
 * start with the domain), built once per server from its settings.
 */
public final class HostReplies {

    private final Reply greeting;
    private final Reply helo;
    private final String host;
    private final Reply timeout;
    private final Reply tooManyConnections;
    private final Reply shuttingDown;
    private final Reply tooManyErrors;

    public HostReplies(SmtpSettings settings) {
        String host = settings.hostname();
        // RFC 2034 §3: no enhanced status on the greeting and the HELO/EHLO replies
        greeting = Reply.of(ReplyCode.SERVICE_READY, null, host + " ESMTP Sluice");
        helo = Reply.of(ReplyCode.OK, null, host);
        this.host = host;
        timeout = Replies.TIMEOUT.namedBy(host);
        tooManyConnections = Replies.TOO_MANY_CONNECTIONS.namedBy(host);
        shuttingDown = Replies.SHUTTING_DOWN.namedBy(host);
        tooManyErrors = Replies.TOO_MANY_ERRORS.namedBy(host);
    }

    public Reply greeting() {
        return greeting;
    }

    public Reply helo() {
        return helo;
    }

    /** The EHLO reply: the server's name, then each extension on offer in the session now. */
    public Reply ehlo(SessionView session) {
        List<String> lines = new ArrayList<>();
        lines.add(host);
        lines.addAll(Extensions.ehloLines(session));
        return new Reply(ReplyCode.OK, null, lines);
    }

    /** {@code reply} with the server's name in front, unless it has it already. */
    public Reply named(Reply reply) {
        return reply.text().startsWith(host + " ") ? reply : reply.namedBy(host);
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

    /** The help text lists the verbs of the command table, so it cannot go stale; only those that are on. */
    public static Reply help(SmtpSettings settings) {
        StringBuilder sb = new StringBuilder("Commands:");
        for (Verb verb : Verb.values()) {
            if (verb.row().available(settings)) {
                sb.append(' ').append(verb.name());
            }
        }
        return Reply.of(ReplyCode.HELP, EnhancedStatus.OK, sb.toString());
    }
}
