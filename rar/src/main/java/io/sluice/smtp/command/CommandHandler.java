package io.sluice.smtp.command;

import io.sluice.smtp.Session;

import java.io.IOException;

/**
 * Handles one SMTP verb. Called on the session's thread with the text after the verb (trailing
 * spaces removed, empty when none); it writes exactly one reply, or more only for DATA (354, then
 * the final reply). Handlers are stateless and shared by all sessions.
 */
@FunctionalInterface
public interface CommandHandler {

    void handle(Session session, String argument) throws IOException;
}
