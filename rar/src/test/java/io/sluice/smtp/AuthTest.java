package io.sluice.smtp;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUTH PLAIN and LOGIN (RFC 4954): when offered, how credentials travel, and what failures cost. */
class AuthTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer server(AuthMode mode) throws Exception {
        TestServer s = new TestServer(b -> b.auth(mode, Duration.ofMillis(50), 3));
        s.listener.accounts.add("ann:s3cret");
        return s;
    }

    private static String ehloLast(Conversation c) throws Exception {
        c.send("EHLO client.example");
        String line;
        do {
            line = c.readLine();
        } while (line.startsWith("250-"));
        return line;
    }

    @Test
    void plainWithAnInitialResponseAuthenticatesTheSessionForPolicies() throws Exception {
        try (TestServer s = server(AuthMode.ALWAYS); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            assertEquals("250 AUTH PLAIN LOGIN", ehloLast(c));
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "503 5.5.1 Error: AUTH not allowed during a mail transaction");
            c.exchange("RSET", "250 2.0.0 Ok");
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "235 2.7.0 Authentication successful");
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "503 5.5.1 Error: already authenticated");
            assertEquals("250 DSN", ehloLast(c)); // no more AUTH on offer, and EHLO keeps it
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            var client = s.listener.recipientTransactions.get(0).client();
            assertEquals("ann", client.authUser());
            assertEquals("ESMTPA", client.protocol());
        }
    }

    @Test
    void plainAndLoginWithChallenges() throws Exception {
        try (TestServer s = server(AuthMode.ALWAYS); Conversation c = s.ehlo()) {
            c.exchange("AUTH PLAIN", "334 ");
            c.exchange(b64("ann\0ann\0s3cret"), "235 2.7.0 Authentication successful");
        }
        try (TestServer s = server(AuthMode.ALWAYS); Conversation c = s.ehlo()) {
            c.exchange("AUTH LOGIN", "334 VXNlcm5hbWU6");
            c.exchange(b64("ann"), "334 UGFzc3dvcmQ6");
            c.exchange(b64("s3cret"), "235 2.7.0 Authentication successful");
        }
        try (TestServer s = server(AuthMode.ALWAYS); Conversation c = s.ehlo()) {
            c.exchange("AUTH LOGIN " + b64("ann"), "334 UGFzc3dvcmQ6");
            c.exchange("*", "501 5.0.0 Error: authentication cancelled");
            c.exchange("AUTH PLAIN !!!", "501 5.5.2 Error: cannot decode the response");
            c.exchange("AUTH PLAIN " + b64("bob\0ann\0s3cret"), "501 5.5.2 Error: cannot decode the response");
            c.exchange("AUTH CRAM-MD5", "504 5.5.4 Error: unrecognized authentication type");
        }
    }

    @Test
    void failuresAreDelayedAndTheThirdEndsTheSession() throws Exception {
        try (TestServer s = server(AuthMode.ALWAYS); Conversation c = s.ehlo()) {
            s.pauser.hold();
            c.send("AUTH PLAIN " + b64("\0ann\0wrong"));
            assertEquals(Duration.ofMillis(50), s.pauser.awaitPause());
            assertFalse(c.hasInput(), "the reply waits for the delay");
            s.pauser.release();
            c.expect("535 5.7.8 Error: authentication failed");
            s.pauser.release();
            c.exchange("AUTH PLAIN " + b64("\0ann\0guess"), "535 5.7.8 Error: authentication failed");
            s.pauser.release();
            c.exchange("AUTH PLAIN " + b64("\0ann\0again"), "421 4.7.0 Error: too many failed authentication attempts");
            c.expectClosed();
            assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50)), s.pauser.asked());
            assertEquals(List.of("ann", "ann", "ann"), s.listener.authAttempts);
        }
    }

    @Test
    void theListenersOwnTemporaryRefusalReachesTheClientAndDoesNotEndTheSession() throws Exception {
        try (TestServer s = server(AuthMode.ALWAYS); Conversation c = s.ehlo()) {
            s.listener.authAnswer = Reply.of(ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE, EnhancedStatus.TEMPORARY_POLICY,
                    "Error: too many authentication failures from 127.0.0.1; try again later");
            for (int i = 0; i < 4; i++) { // a temporary refusal is not one of the session's three failures
                c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"),
                        "454 4.7.0 Error: too many authentication failures from 127.0.0.1; try again later");
            }
            s.listener.authAnswer = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR, "something else");
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "454 4.7.0 Temporary authentication failure");
            s.listener.authAnswer = null;
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "235 2.7.0 Authentication successful");
            assertEquals(List.of(), s.pauser.asked(), "only a failure is delayed");
        }
    }

    @Test
    void overPlainTextOnlyWhenAllowed() throws Exception {
        try (TestServer s = server(AuthMode.TLS); Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            assertEquals("250 DSN", ehloLast(c));
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "538 5.7.11 Encryption required for requested authentication mechanism");
            assertEquals(List.of(), s.listener.authAttempts);
        }
        try (TestServer s = server(AuthMode.OFF); Conversation c = s.ehlo()) {
            c.exchange("AUTH PLAIN " + b64("\0ann\0s3cret"), "500 5.5.2 Error: command not recognized");
        }
    }
}
