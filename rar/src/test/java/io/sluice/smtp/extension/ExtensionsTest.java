package io.sluice.smtp.extension;

import io.sluice.api.MailParameters;
import io.sluice.api.MailParameters.Body;
import io.sluice.smtp.AuthMode;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.TlsMode;
import io.sluice.ra.inbound.ServerKeys;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The extension units together, without a socket: what EHLO lists, what MAIL takes, what the relay sends. */
class ExtensionsTest {

    private static final MailParameters ALL = MailParameters.NONE.withSize(10).withBody(Body.BINARY_MIME)
            .withSmtpUtf8().withRet(MailParameters.Ret.FULL).withEnvelopeId("E1").withRequireTls();

    private static final SmtpSettings SETTINGS = settings();

    /** STARTTLS offered (with a key, as the settings insist) and AUTH over TLS only. */
    private static SmtpSettings settings() {
        try {
            Path dir = Files.createTempDirectory("extensions");
            SSLContext tls = ServerKeys.context(dir.resolve("k.p12"), "pw".toCharArray(), "mx.test.example", true);
            Files.delete(dir.resolve("k.p12"));
            Files.delete(dir);
            return SmtpSettings.builder().tls(TlsMode.OFFER, tls).auth(AuthMode.TLS, Duration.ZERO, 3).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Session(boolean tlsActive, boolean authenticated, Set<String> behind) implements SessionView {
        @Override
        public SmtpSettings settings() {
            return SETTINGS;
        }

        @Override
        public boolean mailServerOffers(String keyword) {
            return behind.contains(keyword);
        }

        @Override
        public boolean offers(String keyword) {
            return Extensions.offered(keyword, this);
        }
    }

    private record Relay(Set<String> offered, boolean tls, long size) implements RelayView {
        @Override
        public boolean offers(String keyword) {
            return offered.contains(keyword);
        }
    }

    private static final Set<String> EVERYTHING = Set.of("SIZE", "8BITMIME", "BINARYMIME", "CHUNKING", "DSN",
            "SMTPUTF8", "REQUIRETLS");

    @Test
    void ehloListsWhatIsOnOfferInItsOrder() {
        assertEquals(List.of("PIPELINING", "SIZE 52428800", "8BITMIME", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN",
                "STARTTLS"), Extensions.ehloLines(new Session(false, false, Set.of())));
        assertEquals(List.of("PIPELINING", "SIZE 52428800", "8BITMIME", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN",
                "BINARYMIME", "SMTPUTF8", "AUTH PLAIN LOGIN", "REQUIRETLS"),
                Extensions.ehloLines(new Session(true, false, EVERYTHING)));
        assertEquals(List.of("PIPELINING", "SIZE 52428800", "8BITMIME", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN",
                "BINARYMIME", "SMTPUTF8", "REQUIRETLS"), Extensions.ehloLines(new Session(true, true, EVERYTHING)));
    }

    @Test
    void mailParametersAreTypedByTheirExtensions() throws Refusal {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("SIZE", "10");
        given.put("BODY", "binarymime");
        given.put("SMTPUTF8", null);
        given.put("RET", "full");
        given.put("ENVID", "E1");
        given.put("REQUIRETLS", null);
        assertEquals(ALL, Extensions.acceptMail(given, new Session(true, false, EVERYTHING)));
        Refusal binary = assertThrows(Refusal.class, () -> Extensions.acceptMail(Map.of("BODY", "BINARYMIME"),
                new Session(true, false, Set.of("BINARYMIME")))); // not without CHUNKING behind
        assertEquals("501 5.5.4 Error: BODY must be 7BIT or 8BITMIME", binary.reply().toWire());
    }

    @Test
    void theRelayPassesEachOnInTheOrderTheMailServerHasAlwaysSeen() {
        Relay all = new Relay(EVERYTHING, true, 42);
        assertNull(Extensions.unfitForRelay(ALL, all));
        assertEquals(" RET=FULL ENVID=E1 SIZE=42 SMTPUTF8 BODY=BINARYMIME REQUIRETLS",
                Extensions.mailParameters(ALL, all));
        assertEquals(" SIZE=10", Extensions.mailParameters(MailParameters.NONE.withSize(10),
                new Relay(Set.of("SIZE"), false, -1))); // a probe declares what the client declared
        assertEquals("", Extensions.mailParameters(MailParameters.NONE.withRet(MailParameters.Ret.HDRS)
                .withBody(Body.EIGHT_BIT_MIME), new Relay(Set.of(), false, 42))); // left out where not offered
        assertEquals(" NOTIFY=NEVER ORCPT=rfc822;b@example.org", Extensions.rcptParameters(
                Map.of("ORCPT", "rfc822;b@example.org", "NOTIFY", "NEVER"), all));
    }

    @Test
    void whatTheMailServerCannotTakeIsRefusedFirstThingFirst() {
        assertEquals("553 5.6.7 the mail server does not take SMTPUTF8 messages",
                Extensions.unfitForRelay(ALL, new Relay(Set.of(), true, 1)).toWire());
        assertEquals("554 5.6.3 the mail server does not take binary MIME messages",
                Extensions.unfitForRelay(ALL, new Relay(Set.of("SMTPUTF8", "BINARYMIME"), true, 1)).toWire());
        assertEquals("550 5.7.30 REQUIRETLS support required",
                Extensions.unfitForRelay(ALL, new Relay(EVERYTHING, false, 1)).toWire());
    }
}
