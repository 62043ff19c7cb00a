package io.sluice.smtp;

import io.sluice.smtp.command.AuthCommand;
import io.sluice.smtp.command.BdatCommand;
import io.sluice.smtp.command.CommandHandler;
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

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one list of SMTP verbs the server knows, each with its handler and its flags. A verb not
 * listed here is answered "500 command not recognized".
 */
public enum Verb {
    EHLO(new EhloCommand(), Flag.ENDS_PIPELINE_GROUP),
    HELO(new HeloCommand(), Flag.ENDS_PIPELINE_GROUP),
    MAIL(new MailCommand()),
    RCPT(new RcptCommand()),
    DATA(new DataCommand(), Flag.ENDS_PIPELINE_GROUP),
    RSET(new RsetCommand()),
    NOOP(new NoopCommand(), Flag.ENDS_PIPELINE_GROUP),
    QUIT(new QuitCommand(), Flag.ENDS_PIPELINE_GROUP),
    VRFY(new VrfyCommand(), Flag.ENDS_PIPELINE_GROUP),
    EXPN(new ExpnCommand(), Flag.ENDS_PIPELINE_GROUP),
    HELP(new HelpCommand(), Flag.ENDS_PIPELINE_GROUP),
    STARTTLS(new StartTlsCommand(), Flag.ENDS_PIPELINE_GROUP),
    AUTH(new AuthCommand(), Flag.ENDS_PIPELINE_GROUP),
    BDAT(new BdatCommand());

    /** Declarative properties of a verb. */
    public enum Flag {
        /**
         * RFC 2920 §3.1: EHLO, DATA, VRFY, EXPN, TURN, QUIT and NOOP may only end a pipelined group,
         * so the replies are flushed after them even when more input is buffered.
         */
        ENDS_PIPELINE_GROUP
    }

    private static final Map<String, Verb> BY_NAME = new HashMap<>();

    static {
        for (Verb v : values()) {
            BY_NAME.put(v.name(), v);
        }
    }

    private final CommandHandler handler;
    private final Set<Flag> flags;

    Verb(CommandHandler handler, Flag... flags) {
        this.handler = handler;
        this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
    }

    public CommandHandler handler() {
        return handler;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** The verb for a command word in any letter case, or {@code null}. */
    public static Verb lookup(String word) {
        return BY_NAME.get(word.toUpperCase(Locale.ROOT));
    }
}
