package io.sluice.smtp;

import io.sluice.api.Attributes;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.api.Phase;
import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The listener's decisions at each phase, as the client sees them carried out. */
class ListenerContractTest extends EngineTest {

    private static final Attributes.Key<String> SPF = Attributes.Key.of("test.spf", String.class);

    @Test
    void aRefusedHeloLeavesTheClientUngreeted() throws IOException {
        server.listener.heloDecision = c -> c.helo().equals("bad.example")
                ? Decision.reject(Reply.of(550, "5.7.1", "Error: HELO bad.example refused"))
                : Decision.ACCEPT;
        try (Conversation c = server.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice")
                    .exchange("EHLO bad.example", "550 5.7.1 Error: HELO bad.example refused")
                    .exchange("MAIL FROM:<a@example.org>", "503 5.5.1 Error: send HELO/EHLO first")
                    .exchange("HELO good.example", "250 mx.test.example")
                    .exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        }
        assertEquals(List.of("bad.example", "good.example"), server.listener.heloCalls);
    }

    @Test
    void aTemporaryFailureAtMailOpensNoTransaction() throws IOException {
        server.listener.mailDecision = t -> t.sender().equals("later@example.org")
                ? Decision.temporaryFailure(Reply.of(451, "4.7.1", "Error: try again later"))
                : Decision.ACCEPT;
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<later@example.org>", "451 4.7.1 Error: try again later")
                    .exchange("RCPT TO:<b@example.com>", "503 5.5.1 Error: need MAIL command")
                    .exchange("MAIL FROM:<now@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.com>", "250 2.1.5 Ok");
        }
        assertEquals(2, server.listener.mailCalls.size());
        assertEquals(List.of(), server.listener.mailCalls.get(1).recipients());
    }

    @Test
    void attributesSetAtMailReachEveryLaterPhaseAndKeepTheirFirstValue() throws IOException {
        server.listener.mailDecision = t -> Decision.accept(Attributes.of(SPF, "pass"));
        server.listener.recipientDecision = (t, r) -> Reply.of(250, "2.1.5", "Ok");
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<first@example.com>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<second@example.com>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send(".");
            c.expectQueued(server.listener, 0);
        }
        assertEquals("pass", server.listener.recipientTransactions.get(0).attributes().get(SPF));
        assertEquals("pass", server.listener.messages.get(0).transaction().attributes().get(SPF));
        // the recipient decisions attached a policy too; the first one's stands
        assertEquals("policy-of-first@example.com",
                server.listener.messages.get(0).transaction().attributes().get(RecordingListener.POLICY));
    }

    @Test
    void aListenerThatDoesNotDecideAtHeloAndMailIsNotAskedThere() throws IOException {
        server.listener.phases = EnumSet.of(Phase.CONNECT, Phase.RCPT, Phase.END_OF_DATA);
        server.listener.heloDecision = c -> Decision.reject(Reply.of(550, "5.7.1", "never asked"));
        server.listener.mailDecision = t -> Decision.reject(Reply.of(550, "5.7.1", "never asked"));
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.com>", "250 2.1.5 Ok");
        }
        assertEquals(List.of(), server.listener.heloCalls);
        assertEquals(List.of(), server.listener.mailCalls);
    }

    @Test
    void aConnectDecisionWithoutACallAtMailSparesThatSessionTheCallOnly() throws IOException {
        server.listener.mailDecision = t -> Decision.reject(Reply.of(550, "5.7.1", "asked"));
        server.listener.connectDecision = ConnectDecision.ACCEPT.withoutCallAtMail();
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.com>", "250 2.1.5 Ok")
                    .exchange("RSET", "250 2.0.0 Ok")
                    .exchange("MAIL FROM:<c@example.org>", "250 2.1.0 Ok");
        }
        assertEquals(List.of(), server.listener.mailCalls);
        server.listener.connectDecision = ConnectDecision.ACCEPT;
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "550 5.7.1 asked");
        }
        assertEquals(1, server.listener.mailCalls.size());
    }

    @Test
    void aDisconnectAtRcptIsAnsweredWithTheServersNameAndCloses() throws IOException {
        server.listener.recipientDecision = (t, r) -> null;
        server.listener.mailDecision = t -> Decision.disconnect(Reply.of(421, "4.7.0", "Error: go away"));
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "421 4.7.0 mx.test.example Error: go away")
                    .expectClosed();
        }
    }

    @Test
    void aListenerFailureAtMailIsATemporaryFailure() throws IOException {
        server.listener.mailDecision = t -> {
            throw new IllegalStateException("database down");
        };
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "451 4.3.0 Error: local error in processing, try again later")
                    .exchange("MAIL FROM:<a@example.org>", "451 4.3.0 Error: local error in processing, try again later");
        }
    }

    @Test
    void noAnswerAtTheEndOfDataIsATemporaryFailure() throws IOException {
        server.listener.recipientDecision = (t, r) -> Reply.of(250, "2.1.5", "Ok");
        server.listener.messageDecision = (t, m) -> null;
        try (Conversation c = server.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.com>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .send(".");
            // no answer at all is a failure, not an accept: the client keeps its mail
            c.expect("451 4.3.0 Error: local error in processing, try again later");
        }
    }

    @Test
    void eachDecisionHoldsOnlyRepliesOfItsClass() {
        Reply ok = Reply.of(250, "2.0.0", "Ok");
        Reply later = Reply.of(451, "4.3.0", "later");
        Reply never = Reply.of(550, "5.7.1", "never");
        assertThrows(IllegalArgumentException.class, () -> Decision.reject(later));
        assertThrows(IllegalArgumentException.class, () -> Decision.temporaryFailure(never));
        assertThrows(IllegalArgumentException.class, () -> Decision.accept(never));
        assertThrows(IllegalArgumentException.class, () -> Decision.disconnect(ok));
        assertEquals(Decision.accept(ok), Decision.of(ok));
        assertEquals(Decision.temporaryFailure(later), Decision.of(later));
        assertEquals(Decision.reject(never), Decision.of(never));
        assertThrows(NullPointerException.class,
                () -> new ConnectDecision(null, 0, 0, 0));
    }
}
