package io.sluice.smtp;

import io.sluice.api.Cidr;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The listener's connection decision: refusal, greeting pause against early talkers, the error limit. */
class ConnectionControlTest {

    @Test
    void theListenerSeesHowManyConnectionsTheAddressHasAndCanRefuse() throws Exception {
        try (TestServer s = new TestServer(); Conversation first = s.connect()) {
            first.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            Conversation second = s.connect();
            second.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            assertEquals(List.of("1/1", "2/2"), s.listener.connects);
            s.listener.connectDecision = ConnectDecision.refuse(Reply.of(421, "4.7.0",
                    TestServer.HOST + " Error: too many connections from 127.0.0.1"));
            try (Conversation third = s.connect()) {
                third.expect("421 4.7.0 " + TestServer.HOST + " Error: too many connections from 127.0.0.1");
                third.expectClosed();
            }
            second.close();
        }
    }

    @Test
    void aClientThatTalksBeforeTheGreetingIsRefused() throws Exception {
        try (TestServer s = new TestServer()) {
            s.listener.connectDecision = new ConnectDecision(io.sluice.api.Decision.ACCEPT, 300, 0, 0);
            s.pauser.hold();
            try (Conversation eager = s.connect()) {
                assertEquals(Duration.ofMillis(300), s.pauser.awaitPause()); // the server waits before its greeting
                eager.send("EHLO eager.example");
                s.pauser.release();
                eager.expect("554 5.5.1 Error: SMTP protocol synchronization: talking before the greeting");
                eager.expectClosed();
            }
            try (Conversation patient = s.connect()) {
                assertEquals(Duration.ofMillis(300), s.pauser.awaitPause());
                s.pauser.release();
                patient.expect("220 " + TestServer.HOST + " ESMTP Sluice");
                patient.exchange("NOOP", "250 2.0.0 Ok");
            }
        }
    }

    /**
     * Regression: the octets a client sent right behind a load balancer's PROXY header were read
     * into the buffer along with the header, so the early-talker check, which asked only the
     * socket, never saw them.
     */
    @Test
    void anEarlyTalkerBehindATrustedLoadBalancerIsRefusedWithEitherHeaderVersion() throws Exception {
        byte[] v1 = "PROXY TCP4 192.0.2.1 198.51.100.7 56324 25\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] v2 = ProxyProtocolTest.v2(1, 0x11, new byte[] {(byte) 192, 0, 2, 1, (byte) 198, 51, 100, 7, 0, 1, 0, 25});
        for (byte[] header : List.of(v1, v2)) {
            try (TestServer s = new TestServer(b -> b.proxyTrusted(List.of(Cidr.parse("127.0.0.1"))))) {
                s.listener.connectDecision = new ConnectDecision(io.sluice.api.Decision.ACCEPT, 300, 0, 0);
                s.pauser.hold();
                try (Conversation eager = s.connect()) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.writeBytes(header);
                    b.writeBytes("EHLO eager.example\r\n".getBytes(StandardCharsets.US_ASCII));
                    eager.sendBytes(b.toByteArray()); // header and command in one segment
                    assertEquals(Duration.ofMillis(300), s.pauser.awaitPause());
                    s.pauser.release();
                    eager.expect("554 5.5.1 Error: SMTP protocol synchronization: talking before the greeting");
                    eager.expectClosed();
                }
                try (Conversation patient = s.connect()) {
                    patient.sendBytes(header);
                    assertEquals(Duration.ofMillis(300), s.pauser.awaitPause());
                    s.pauser.release();
                    patient.expect("220 " + TestServer.HOST + " ESMTP Sluice");
                    patient.exchange("NOOP", "250 2.0.0 Ok");
                }
            }
        }
    }

    @Test
    void theSessionEndsAtExactlyTheErrorLimitAfterTheDelay() throws Exception {
        try (TestServer s = new TestServer()) {
            s.listener.connectDecision = new ConnectDecision(io.sluice.api.Decision.ACCEPT, 0, 3, 200);
            s.pauser.hold();
            try (Conversation c = s.ehlo()) {
                c.exchange("BOGUS", "500 5.5.2 Error: command not recognized");
                c.exchange("MAIL FROM:<bad address>", "501 5.1.7 Error: bad sender address syntax");
                assertEquals(List.of(), s.pauser.asked(), "errors below the limit are answered at once");
                c.send("ALSO BOGUS");
                c.expect("500 5.5.2 Error: command not recognized"); // flushed before the delay
                assertEquals(Duration.ofMillis(200), s.pauser.awaitPause());
                assertFalse(c.hasInput(), "the 421 waits for the delay");
                s.pauser.release();
                c.expect("421 4.7.0 " + TestServer.HOST + " Error: too many errors");
                assertEquals(List.of(Duration.ofMillis(200)), s.pauser.asked());
                c.expectClosed();
            }
        }
    }
}
