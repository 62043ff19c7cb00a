package io.sluice.smtp.command;

import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.SessionState;
import io.sluice.smtp.TlsMode;

import java.io.IOException;

/** STARTTLS (RFC 3207): answers 220, then the session continues over TLS from scratch. */
public final class StartTlsCommand implements CommandHandler {

    @Override
    public void handle(Session session, String argument) throws IOException {
        if (session.settings().tlsMode() == TlsMode.OFF) {
            session.reply(Replies.UNKNOWN_COMMAND);
            return;
        }
        if (!argument.isEmpty()) {
            session.reply(Replies.syntax("STARTTLS"));
            return;
        }
        if (!session.tlsOffered()) {
            session.reply(Replies.TLS_ACTIVE);
            return;
        }
        if (session.state() == SessionState.CONNECTED) {
            session.reply(Replies.NEED_HELO);
            return;
        }
        session.reply(Replies.READY_FOR_TLS);
        session.flush();
        session.startTls(); // a failed handshake ends the session: there is no going back to plain text
    }
}
