package io.sluice.smtp;

import io.sluice.api.Phase;
import io.sluice.api.Reply;
import io.sluice.smtp.command.CommandHandler;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of the command table: when the verb exists at all, the checks that refuse it (session
 * states, TLS and AUTH preconditions, facts of the open transaction) in the order they are
 * applied, whether its syntax is checked before them, its handler (parser and action), the phase
 * it raises and whether it ends a pipelined group. {@link #run} is the one place that applies them:
 * check, parse, proceed.
 *
 * @param <C> the handler's parsed command
 */
public final class CommandRow<C> {

    /** When a verb is known at all; otherwise it is answered as an unknown command. */
    public enum Availability { ALWAYS, WHEN_TLS_ENABLED, WHEN_AUTH_ENABLED }

    /** A reason to refuse the command now: its reply, or {@code null} to let it through. */
    public interface Check {
        Reply refusal(Session session);

        /** The states it refuses the command in (empty for checks of something else). */
        default Set<SessionState> refusedIn() {
            return Set.of();
        }
    }

    /** Refuses the command in the given states. */
    public static Check refusedIn(Reply reply, SessionState first, SessionState... rest) {
        Set<SessionState> states = EnumSet.of(first, rest);
        return new Check() {
            @Override
            public Reply refusal(Session session) {
                return states.contains(session.state()) ? reply : null;
            }

            @Override
            public Set<SessionState> refusedIn() {
                return states;
            }
        };
    }

    /** Refuses the command unless {@code precondition} holds. */
    public static Check unless(Predicate<Session> precondition, Reply reply) {
        return s -> precondition.test(s) ? null : reply;
    }

    /** Refuses the command with what {@code check} says about the session (an extension's rule, say). */
    public static Check by(Function<Session, Reply> check) {
        return check::apply;
    }

    private final Availability availability;
    private final boolean syntaxFirst;
    private final List<Check> checks;
    private final CommandHandler<C> handler;
    private final Phase phase;
    private final boolean endsPipelineGroup;

    private CommandRow(Availability availability, boolean syntaxFirst, List<Check> checks, CommandHandler<C> handler,
                       Phase phase, boolean endsPipelineGroup) {
        this.availability = availability;
        this.syntaxFirst = syntaxFirst;
        this.checks = List.copyOf(checks);
        this.handler = handler;
        this.phase = phase;
        this.endsPipelineGroup = endsPipelineGroup;
    }

    /** A row whose checks come first, then the syntax. */
    public static <C> CommandRow<C> checked(CommandHandler<C> handler, Phase phase, boolean endsPipelineGroup,
                                            Availability availability, Check... checks) {
        return new CommandRow<>(availability, false, List.of(checks), handler, phase, endsPipelineGroup);
    }

    /** A row whose syntax is checked first, then the checks (a malformed command is refused as such anywhere). */
    public static <C> CommandRow<C> syntaxFirst(CommandHandler<C> handler, Phase phase, boolean endsPipelineGroup,
                                                Availability availability, Check... checks) {
        return new CommandRow<>(availability, true, List.of(checks), handler, phase, endsPipelineGroup);
    }

    /** The listener's phase the command raises, or {@code null} for one that asks no one (NOOP, STARTTLS). */
    public Phase phase() {
        return phase;
    }

    public boolean endsPipelineGroup() {
        return endsPipelineGroup;
    }

    public Availability availability() {
        return availability;
    }

    /** Whether the verb exists with these settings. */
    public boolean available(SmtpSettings settings) {
        return switch (availability) {
            case ALWAYS -> true;
            case WHEN_TLS_ENABLED -> settings.tlsMode() != TlsMode.OFF;
            case WHEN_AUTH_ENABLED -> settings.authMode() != AuthMode.OFF;
        };
    }

    /** The states no check refuses the command in. */
    public Set<SessionState> allowedIn() {
        Set<SessionState> allowed = EnumSet.allOf(SessionState.class);
        checks.forEach(c -> allowed.removeAll(c.refusedIn()));
        return allowed;
    }

    /** Check, parse, proceed; every refusal is one reply. */
    void run(Session session, String argument) throws IOException {
        if (!available(session.settings())) {
            session.reply(Replies.UNKNOWN_COMMAND);
            return;
        }
        C command = null;
        try {
            if (syntaxFirst) {
                command = handler.parse(argument, session);
            }
            for (Check check : checks) {
                Reply refusal = check.refusal(session);
                if (refusal != null) {
                    if (command != null) {
                        handler.refused(session, command);
                    }
                    session.reply(refusal);
                    return;
                }
            }
            if (!syntaxFirst) {
                command = handler.parse(argument, session);
            }
        } catch (Refusal r) {
            session.reply(r.reply());
            if (r.endsSession()) {
                session.closeAfterReply();
            }
            return;
        }
        handler.handle(session, command);
    }
}
