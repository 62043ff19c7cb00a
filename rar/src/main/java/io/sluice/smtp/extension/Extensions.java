package io.sluice.smtp.extension;

import io.sluice.api.MailParameters;
import io.sluice.api.Reply;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one list of ESMTP extensions the engine knows. Adding one is a unit here and its line below.
 */
public final class Extensions {

    private static final Extension REQUIRE_TLS = new RequireTls();
    private static final Extension SIZE = new Size();
    private static final Extension EIGHT_BIT_MIME = new EightBitMime();
    private static final Extension DSN = new Dsn();
    private static final Extension BINARY_MIME = new BinaryMime();
    private static final Extension SMTP_UTF8 = new SmtpUtf8();

    /** In the order of the EHLO reply. */
    private static final List<Extension> OFFERED = List.of(new Pipelining(), SIZE, EIGHT_BIT_MIME,
            new EnhancedStatusCodes(), new Chunking(), DSN, BINARY_MIME, SMTP_UTF8, new StartTls(), new Auth(),
            REQUIRE_TLS);

    /** In the order their parameters go on the relay's MAIL command, as the mail server has always seen them. */
    private static final List<Extension> PASSED_ON = List.of(DSN, SIZE, SMTP_UTF8, EIGHT_BIT_MIME, BINARY_MIME,
            REQUIRE_TLS);

    private static final Map<String, Extension> BY_MAIL_PARAMETER = byParameter(false);
    private static final Map<String, Extension> BY_RCPT_PARAMETER = byParameter(true);

    private Extensions() {
    }

    private static Map<String, Extension> byParameter(boolean rcpt) {
        Map<String, Extension> map = new HashMap<>();
        for (Extension e : OFFERED) {
            for (String keyword : rcpt ? e.rcptParameters() : e.mailParameters()) {
                if (map.put(keyword, e) != null) {
                    throw new IllegalStateException("two extensions define " + keyword);
                }
            }
        }
        return Map.copyOf(map);
    }

    /** The EHLO lines after the server's name, for this session now. */
    public static List<String> ehloLines(SessionView session) {
        List<String> lines = new ArrayList<>(OFFERED.size());
        for (Extension e : OFFERED) {
            if (e.offered(session)) {
                lines.add(e.ehloLine(session));
            }
        }
        return lines;
    }

    /** Whether the extension with this EHLO keyword is on offer in the session now. */
    public static boolean offered(String keyword, SessionView session) {
        for (Extension e : OFFERED) {
            if (e.keyword().equals(keyword)) {
                return e.offered(session);
            }
        }
        return false;
    }

    /**
     * MAIL's parameters (keyword upper case, value {@code null} when bare), each checked by the
     * extension that defines it, in the client's order; the first refusal wins.
     */
    public static MailParameters acceptMail(Map<String, String> given, SessionView session) throws Refusal {
        MailParameters parameters = MailParameters.NONE;
        for (Map.Entry<String, String> p : given.entrySet()) {
            Extension owner = BY_MAIL_PARAMETER.get(p.getKey());
            if (owner == null) {
                throw new Refusal(Replies.unsupportedParameter(p.getKey()));
            }
            parameters = owner.acceptMail(p.getKey(), p.getValue(), parameters, session);
        }
        return parameters;
    }

    /** RCPT's parameters, each checked by the extension that defines it; the first refusal, or {@code null}. */
    public static Reply checkRcpt(Map<String, String> given) {
        for (Map.Entry<String, String> p : given.entrySet()) {
            Extension owner = BY_RCPT_PARAMETER.get(p.getKey());
            Reply refusal = owner == null ? Replies.unsupportedParameter(p.getKey())
                    : owner.checkRcpt(p.getKey(), p.getValue());
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** Why DATA may not carry the transaction's message, or {@code null}. */
    public static Reply refuseData(MailParameters parameters) {
        for (Extension e : OFFERED) {
            Reply refusal = e.refuseData(parameters);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** Why the relay's mail server cannot be given the message, or {@code null}. */
    public static Reply unfitForRelay(MailParameters parameters, RelayView relay) {
        for (Extension e : PASSED_ON) {
            Reply refusal = e.unfitForRelay(parameters, relay);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** The parameters of the relay's MAIL command (each with a leading space). */
    public static String mailParameters(MailParameters parameters, RelayView relay) {
        StringBuilder sb = new StringBuilder();
        for (Extension e : PASSED_ON) {
            e.passOnMail(parameters, relay, sb);
        }
        return sb.toString();
    }

    /** The parameters of the relay's RCPT command for one recipient (each with a leading space). */
    public static String rcptParameters(Map<String, String> given, RelayView relay) {
        StringBuilder sb = new StringBuilder();
        for (Extension e : PASSED_ON) {
            e.passOnRcpt(given, relay, sb);
        }
        return sb.toString();
    }
}
