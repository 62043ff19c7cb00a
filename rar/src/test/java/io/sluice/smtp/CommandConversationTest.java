package io.sluice.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every verb, in and out of order, as a client sees it. */
class CommandConversationTest extends EngineTest {

    @Test
    void ehloListsTheExtensionsWithoutEnhancedCodes() throws IOException {
        try (Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .send("EHLO client.example")
                    .expect("250-mx.test.example")
                    .expect("250-PIPELINING")
                    .expect("250-SIZE 52428800")
                    .expect("250-8BITMIME")
                    .expect("250-ENHANCEDSTATUSCODES")
                    .expect("250-CHUNKING")
                    .expect("250 DSN");
        }
    }

    @Test
    void heloAnswersWithTheHostName() throws IOException {
        try (Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .exchange("HELO client.example", "250 mx.test.example")
                    .exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        }
    }

    @Test
    void heloAndEhloNeedAnArgument() throws IOException {
        try (Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .exchange("EHLO", "501 5.5.4 Syntax: EHLO hostname")
                    .exchange("HELO", "501 5.5.4 Syntax: HELO hostname");
        }
    }

    @Test
    void aWholeTransaction() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send("Subject: hi")
                    .send("")
                    .send("Hello.")
                    .send(".");
            c.expectQueued(server.listener, 0)
                    .exchange("QUIT", "221 2.0.0 Bye")
                    .expectClosed();
        }
        RecordingListener.Received m = server.listener.messages.get(0);
        assertEquals("Subject: hi\r\n\r\nHello.\r\n", m.text());
        assertEquals("alice@example.org", m.transaction().sender());
        assertEquals("bob@example.com", m.transaction().recipients().get(0).address());
        assertEquals("client.example", m.transaction().client().helo());
        assertEquals("127.0.0.1", m.transaction().client().address());
        assertTrue(m.transaction().client().esmtp());
        assertTrue(m.transaction().queueId().matches("[0-9A-HJKMNP-TV-Z]{16}"), m.transaction().queueId());
    }

    @Test
    void commandsBeforeHeloAreRefusedExceptTheHarmlessOnes() throws IOException {
        try (Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .exchange("MAIL FROM:<a@example.org>", "503 5.5.1 Error: send HELO/EHLO first")
                    .exchange("RCPT TO:<b@example.org>", "503 5.5.1 Error: need MAIL command")
                    .exchange("DATA", "503 5.5.1 Error: need RCPT command")
                    .exchange("NOOP", "250 2.0.0 Ok")
                    .exchange("RSET", "250 2.0.0 Ok")
                    .exchange("VRFY bob", "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery")
                    .exchange("MAIL FROM:<a@example.org>", "503 5.5.1 Error: send HELO/EHLO first");
        }
    }

    @Test
    void outOfOrderInsideATransaction() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("RCPT TO:<b@example.org>", "503 5.5.1 Error: need MAIL command")
                    .exchange("DATA", "503 5.5.1 Error: need RCPT command")
                    .exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("MAIL FROM:<a@example.org>", "503 5.5.1 Error: nested MAIL command")
                    .exchange("DATA", "554 5.5.1 Error: no valid recipients")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("MAIL FROM:<a@example.org>", "503 5.5.1 Error: nested MAIL command");
        }
    }

    @Test
    void rsetAbandonsTheTransaction() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("RSET", "250 2.0.0 Ok")
                    .exchange("DATA", "503 5.5.1 Error: need RCPT command")
                    .exchange("RCPT TO:<b@example.org>", "503 5.5.1 Error: need MAIL command")
                    .exchange("RSET extra", "501 5.5.4 Syntax: RSET")
                    .exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        }
    }

    @Test
    void ehloInsideATransactionResetsIt() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("HELO again.example", "250 mx.test.example")
                    .exchange("RCPT TO:<b@example.org>", "503 5.5.1 Error: need MAIL command");
        }
    }

    @Test
    void theSmallVerbs() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("NOOP", "250 2.0.0 Ok")
                    .exchange("noop with an argument", "250 2.0.0 Ok")
                    .exchange("VRFY", "501 5.5.4 Syntax: VRFY address")
                    .exchange("EXPN staff", "502 5.5.1 Error: command not implemented")
                    .exchange("HELP", "214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY EXPN HELP AUTH BDAT")
                    .exchange("TURN", "500 5.5.2 Error: command not recognized")
                    .exchange("", "500 5.5.2 Error: bad syntax")
                    .exchange("DATA now", "501 5.5.4 Syntax: DATA")
                    .exchange("QUIT now", "501 5.5.4 Syntax: QUIT")
                    .exchange("quit", "221 2.0.0 Bye")
                    .expectClosed();
        }
    }

    @Test
    void verbsAreCaseInsensitiveAndTrailingSpacesIgnored() throws IOException {
        try (Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .exchange("helo client.example  ", "250 mx.test.example")
                    .exchange("mail from:<a@example.org> ", "250 2.1.0 Ok")
                    .exchange("rCpT To: <b@example.org>", "250 2.1.5 Ok");
        }
    }

    @Test
    void senderSyntax() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL", "501 5.5.4 Syntax: MAIL FROM:<address>")
                    .exchange("MAIL FROM:a@example.org", "501 5.5.4 Syntax: MAIL FROM:<address>")
                    .exchange("MAIL FROM:<a@example.org", "501 5.5.4 Syntax: MAIL FROM:<address>")
                    .exchange("MAIL FROM:<not an address>", "501 5.1.7 Error: bad sender address syntax")
                    .exchange("MAIL FROM:<a@-bad-.example>", "501 5.1.7 Error: bad sender address syntax")
                    .exchange("MAIL FROM:<a@example.org> FOO=BAR", "555 5.5.4 Error: unsupported parameter FOO")
                    .exchange("MAIL FROM:<a@example.org> BODY=BINARY", "501 5.5.4 Error: BODY must be 7BIT or 8BITMIME")
                    .exchange("MAIL FROM:<a@example.org> SIZE=x", "501 5.5.4 Error: SIZE needs a number of octets")
                    .exchange("MAIL FROM:<a@example.org> SIZE=1 SIZE=2", "501 5.5.4 Error: duplicate parameter SIZE")
                    .exchange("MAIL FROM:<> BODY=8BITMIME SIZE=1000", "250 2.1.0 Ok");
        }
    }

    @Test
    void recipientSyntaxAndPostmaster() throws IOException {
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<>", "501 5.1.3 Error: bad recipient address syntax")
                    .exchange("RCPT TO:<bob>", "501 5.1.3 Error: bad recipient address syntax")
                    .exchange("RCPT TO:bob@example.org", "501 5.5.4 Syntax: RCPT TO:<address>")
                    .exchange("RCPT TO:<bob@example.org> XNOTIFY=NEVER", "555 5.5.4 Error: unsupported parameter XNOTIFY")
                    .exchange("RCPT TO:<Postmaster>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<@relay.example,@other.example:carol@example.org>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<\"john doe\"@example.org>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<x@[192.0.2.1]>", "250 2.1.5 Ok");
        }
        assertEquals("carol@example.org", server.listener.recipientCalls.get(1).address());
        assertEquals("\"john doe\"@example.org", server.listener.recipientCalls.get(2).address());
    }

    @Test
    void theListenerDecidesAboutRecipientsAndItsRefusalIsPassedOn() throws IOException {
        server.listener.recipientDecision = (t, r) -> r.address().startsWith("nobody")
                ? io.sluice.api.Reply.of(550, "5.1.1", "<" + r.address() + ">: Recipient address rejected")
                : io.sluice.api.Reply.of(250, "2.1.5", "Ok");
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<nobody@example.org>",
                            "550 5.1.1 <nobody@example.org>: Recipient address rejected")
                    .exchange("DATA", "554 5.5.1 Error: no valid recipients")
                    .exchange("RCPT TO:<bob@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send(".");
            c.readLine();
        }
        assertEquals(1, server.listener.messages.get(0).transaction().recipients().size());
    }

    @Test
    void aFailingListenerMeansTryAgainLater() throws IOException {
        server.listener.recipientDecision = (t, r) -> {
            throw new IllegalStateException("database down");
        };
        server.listener.messageDecision = (t, m) -> null;
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "451 4.3.0 Error: local error in processing, try again later");
            server.listener.recipientDecision = (t, r) -> io.sluice.api.Reply.of(250, "2.1.5", "Ok");
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send("x")
                    .send(".")
                    .expect("451 4.3.0 Error: local error in processing, try again later")
                    .exchange("NOOP", "250 2.0.0 Ok");
        }
    }

    @Test
    void theTransactionKeepsThePolicyOfItsFirstAcceptedRecipient() throws IOException {
        server.listener.recipientDecision = (t, r) -> r.address().startsWith("refused")
                ? io.sluice.api.Reply.of(550, "5.1.1", "no") : io.sluice.api.Reply.of(250, "2.1.5", "Ok");
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<refused@example.org>", "550 5.1.1 no")
                    .exchange("RCPT TO:<first@example.org>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<second@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send(".");
            c.expectQueued(server.listener, 0);
        }
        List<io.sluice.api.Transaction> seen = server.listener.recipientTransactions;
        assertEquals(null, seen.get(0).attributes().get(RecordingListener.POLICY));
        assertEquals(null, seen.get(1).attributes().get(RecordingListener.POLICY));
        assertEquals("policy-of-first@example.org", seen.get(2).attributes().get(RecordingListener.POLICY));
        assertEquals("policy-of-first@example.org",
                server.listener.messages.get(0).transaction().attributes().get(RecordingListener.POLICY));
    }

    @Test
    void aNewQueueIdForEveryTransaction() throws IOException {
        try (Conversation c = server.ehlo()) {
            for (int i = 0; i < 3; i++) {
                c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                        .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                        .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                        .send("n" + i).send(".");
                c.readLine();
            }
        }
        assertEquals(3, server.listener.messages.stream().map(m -> m.transaction().queueId()).distinct().count());
    }
}
