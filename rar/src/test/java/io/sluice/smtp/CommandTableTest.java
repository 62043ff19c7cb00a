package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.sluice.smtp.SessionState.CONNECTED;
import static io.sluice.smtp.SessionState.GREETED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command table itself: what each verb is allowed in, the phase it raises, how it ends a pipelined group. */
class CommandTableTest {

    private static final Set<SessionState> ANY = EnumSet.allOf(SessionState.class);

    @Test
    void eachVerbIsAllowedInTheseStatesOnly() {
        Map<Verb, Set<SessionState>> expected = new LinkedHashMap<>();
        expected.put(Verb.EHLO, ANY);
        expected.put(Verb.HELO, ANY);
        expected.put(Verb.MAIL, EnumSet.of(GREETED));
        expected.put(Verb.RCPT, EnumSet.of(SessionState.MAIL, SessionState.RCPT));
        expected.put(Verb.DATA, EnumSet.of(SessionState.RCPT));
        expected.put(Verb.RSET, ANY);
        expected.put(Verb.NOOP, ANY);
        expected.put(Verb.QUIT, ANY);
        expected.put(Verb.VRFY, ANY);
        expected.put(Verb.EXPN, ANY);
        expected.put(Verb.HELP, ANY);
        expected.put(Verb.STARTTLS, EnumSet.complementOf(EnumSet.of(CONNECTED)));
        expected.put(Verb.AUTH, EnumSet.of(GREETED));
        expected.put(Verb.BDAT, EnumSet.of(SessionState.RCPT));
        Map<Verb, Set<SessionState>> actual = new LinkedHashMap<>();
        for (Verb v : Verb.values()) {
            actual.put(v, v.row().allowedIn());
        }
        assertEquals(expected, actual);
    }

    @Test
    void eachVerbRaisesItsPhase() {
        Map<Verb, String> actual = new LinkedHashMap<>();
        for (Verb v : Verb.values()) {
            actual.put(v, String.valueOf(v.row().phase()));
        }
        assertEquals(Map.ofEntries(Map.entry(Verb.EHLO, "HELO"), Map.entry(Verb.HELO, "HELO"),
                Map.entry(Verb.MAIL, "MAIL"), Map.entry(Verb.RCPT, "RCPT"),
                Map.entry(Verb.DATA, "END_OF_DATA"), Map.entry(Verb.BDAT, "END_OF_DATA"),
                Map.entry(Verb.AUTH, "AUTH"), Map.entry(Verb.STARTTLS, "null"),
                Map.entry(Verb.RSET, "null"), Map.entry(Verb.NOOP, "null"), Map.entry(Verb.QUIT, "null"),
                Map.entry(Verb.VRFY, "null"), Map.entry(Verb.EXPN, "null"), Map.entry(Verb.HELP, "null")),
                actual);
    }

    /** RFC 2920 §3.1, plus HELO, STARTTLS and AUTH, which change the session. */
    @Test
    void theseVerbsEndAPipelinedGroup() {
        Set<Verb> ending = EnumSet.noneOf(Verb.class);
        for (Verb v : Verb.values()) {
            if (v.endsPipelineGroup()) {
                ending.add(v);
            }
        }
        assertEquals(EnumSet.of(Verb.EHLO, Verb.HELO, Verb.DATA, Verb.NOOP, Verb.QUIT, Verb.VRFY, Verb.EXPN, Verb.HELP,
                Verb.STARTTLS, Verb.AUTH), ending);
    }

    @Test
    void startTlsAndAuthExistOnlyWhenEnabled() {
        Map<Verb, CommandRow.Availability> actual = new LinkedHashMap<>();
        for (Verb v : Verb.values()) {
            if (v.row().availability() != CommandRow.Availability.ALWAYS) {
                actual.put(v, v.row().availability());
            }
        }
        assertEquals(Map.of(Verb.STARTTLS, CommandRow.Availability.WHEN_TLS_ENABLED,
                Verb.AUTH, CommandRow.Availability.WHEN_AUTH_ENABLED), actual);
    }
}
