package io.sluice.smtp.command;

import io.sluice.smtp.Refusal;
import io.sluice.smtp.Session;

import java.io.IOException;

/**
 * Handles one SMTP verb in two steps: {@link #parse} turns the text after the verb (trailing spaces
 * removed, empty when none) into a typed command, then {@link #handle} carries it out. The command
 * table ({@link io.sluice.smtp.Verb}) checks the session's state and the TLS/AUTH preconditions
 * around them, so neither step looks at the state. {@code handle} writes exactly one reply, or
 * more only for DATA (354, then the final reply) and AUTH (its 334 challenges). Handlers are
 * stateless and shared by all sessions.
 *
 * @param <C> the parsed command
 */
public interface CommandHandler<C> {

    /** The command, or the refusal its syntax (or a parameter) earns. */
    C parse(String argument, Session session) throws Refusal;

    void handle(Session session, C command) throws IOException;

    /**
     * Called instead of {@link #handle} when the table refuses a parsed command, before the
     * refusal is sent: BDAT reads the chunk the client sends regardless.
     */
    default void refused(Session session, C command) throws IOException {
    }

    /** For commands without an argument: anything after the verb earns "501 Syntax: {@code usage}". */
    static NoArgument noArgument(String argument, String usage) throws Refusal {
        if (!argument.isEmpty()) {
            throw new Refusal(io.sluice.smtp.Replies.syntax(usage));
        }
        return NoArgument.INSTANCE;
    }

    /** The parsed form of a command that takes no argument. */
    enum NoArgument { INSTANCE }
}
