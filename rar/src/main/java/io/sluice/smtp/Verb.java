package io.sluice.smtp;

import io.sluice.api.Phase;
import io.sluice.smtp.command.AuthCommand;
import io.sluice.smtp.command.BdatCommand;
import io.sluice.smtp.command.DataCommand;
import io.sluice.smtp.command.EhloCommand;
import io.sluice.smtp.command.ExpnCommand;
import io.sluice.smtp.command.HeloCommand;
import io.sluice.smtp.command.HelpCommand;
import io.sluice.smtp.command.MailCommand;
import io.sluice.smtp.command.NoopCommand;
import io.sluice.smtp.command.QuitCommand;
import io.sluice.smtp.command.RcptCommand;
import io.sluice.smtp.command.RsetCommand;
import io.sluice.smtp.command.StartTlsCommand;
import io.sluice.smtp.command.VrfyCommand;
import io.sluice.smtp.extension.Extensions;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.sluice.smtp.CommandRow.Availability.ALWAYS;
import static io.sluice.smtp.CommandRow.Availability.WHEN_AUTH_ENABLED;
import static io.sluice.smtp.CommandRow.Availability.WHEN_TLS_ENABLED;
import static io.sluice.smtp.CommandRow.by;
import static io.sluice.smtp.CommandRow.checked;
import static io.sluice.smtp.CommandRow.refusedIn;
import static io.sluice.smtp.CommandRow.syntaxFirst;
import static io.sluice.smtp.CommandRow.unless;
import static io.sluice.smtp.SessionState.CONNECTED;
import static io.sluice.smtp.SessionState.GREETED;

/**
 * The command table: the one list of SMTP verbs the server knows, each with the checks that refuse
 * it (in order), its handler and the phase it raises (see {@link CommandRow}). A verb not listed
 * here is answered "500 command not recognized"; a phase of {@code null} means the verb asks the
 * listener nothing. "Ends group" follows RFC 2920 §3.1: EHLO, DATA,
 * VRFY, EXPN, TURN, QUIT and NOOP may only end a pipelined group (HELO, STARTTLS and AUTH too, as
 * they change the session), so the replies are flushed after them even when more input is buffered.
 */
public enum Verb {
    EHLO(syntaxFirst(new EhloCommand(), Phase.HELO, true, ALWAYS)),
    HELO(syntaxFirst(new HeloCommand(), Phase.HELO, true, ALWAYS)),
    MAIL(checked(new MailCommand(), Phase.MAIL, false, ALWAYS,
            refusedIn(Replies.NEED_HELO, CONNECTED),
            refusedIn(Replies.NESTED_MAIL, SessionState.MAIL, SessionState.RCPT),
            unless(s -> !s.tlsRequired(), Replies.TLS_REQUIRED))),
    RCPT(checked(new RcptCommand(), Phase.RCPT, false, ALWAYS,
            refusedIn(Replies.NEED_MAIL, CONNECTED, GREETED))),
    DATA(syntaxFirst(new DataCommand(), Phase.END_OF_DATA, true, ALWAYS,
            // RFC 3030 §2: no mixing of DATA and BDAT within one transaction
            by(s -> s.envelope() != null && s.envelope().chunks() != null ? Replies.DATA_AFTER_BDAT : null),
            by(s -> s.envelope() != null ? Extensions.refuseData(s.envelope().parameters()) : null),
            refusedIn(Replies.NO_VALID_RECIPIENTS, SessionState.MAIL),
            refusedIn(Replies.NEED_RCPT, CONNECTED, GREETED))),
    RSET(syntaxFirst(new RsetCommand(), null, false, ALWAYS)),
    NOOP(syntaxFirst(new NoopCommand(), null, true, ALWAYS)),
    QUIT(syntaxFirst(new QuitCommand(), null, true, ALWAYS)),
    VRFY(syntaxFirst(new VrfyCommand(), null, true, ALWAYS)),
    EXPN(syntaxFirst(new ExpnCommand(), null, true, ALWAYS)),
    HELP(syntaxFirst(new HelpCommand(), null, true, ALWAYS)),
    STARTTLS(syntaxFirst(new StartTlsCommand(), null, true, WHEN_TLS_ENABLED,
            unless(s -> !s.tlsActive(), Replies.TLS_ACTIVE),
            refusedIn(Replies.NEED_HELO, CONNECTED))),
    AUTH(checked(new AuthCommand(), Phase.AUTH, true, WHEN_AUTH_ENABLED,
            refusedIn(Replies.NEED_HELO, CONNECTED),
            unless(s -> !s.authenticated(), Replies.AUTH_ALREADY),
            refusedIn(Replies.AUTH_IN_TRANSACTION, SessionState.MAIL, SessionState.RCPT),
            unless(s -> s.offers("AUTH"), Replies.AUTH_NEEDS_TLS))),
    // the chunk is read even when refused (the handler's refused()), since the client sends it regardless
    BDAT(syntaxFirst(new BdatCommand(), Phase.END_OF_DATA, false, ALWAYS,
            refusedIn(Replies.NO_VALID_RECIPIENTS, SessionState.MAIL),
            refusedIn(Replies.NEED_MAIL, CONNECTED, GREETED)));

    private static final Map<String, Verb> BY_NAME = new HashMap<>();

    static {
        for (Verb v : values()) {
            BY_NAME.put(v.name(), v);
        }
    }

    private final CommandRow<?> row;

    Verb(CommandRow<?> row) {
        this.row = row;
    }

    public CommandRow<?> row() {
        return row;
    }

    public boolean endsPipelineGroup() {
        return row.endsPipelineGroup();
    }

    void run(Session session, String argument) throws IOException {
        row.run(session, argument);
    }

    /** The verb for a command word in any letter case, or {@code null}. */
    public static Verb lookup(String word) {
        return BY_NAME.get(word.toUpperCase(Locale.ROOT));
    }
}
