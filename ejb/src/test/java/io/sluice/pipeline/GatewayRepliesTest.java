package io.sluice.pipeline;

import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayRepliesTest {

    @Test
    void theQueuedReplyNamesBothQueueIds() {
        assertEquals("250 2.0.0 Ok: queued as 06H2ABC (downstream: 250 2.0.0 Ok: queued as 4XyZ)",
                GatewayReplies.queued("06H2ABC", Reply.of(250, "2.0.0", "Ok: queued as 4XyZ")).toWire());
        assertEquals("250 2.0.0 Ok: queued as 06H2ABC (downstream: 250 Ok)",
                GatewayReplies.queued("06H2ABC", Reply.of(250, null, "Ok")).toWire());
    }

    @Test
    void downstreamRepliesArePassedOnWithAStatus() {
        assertEquals("550 5.1.1 User unknown", GatewayReplies.passOn(Reply.of(550, "5.1.1", "User unknown")).toWire());
        assertEquals("554 5.0.0 Go away", GatewayReplies.passOn(Reply.of(554, null, "Go away")).toWire());
        assertEquals("452 4.0.0 Full", GatewayReplies.passOn(Reply.of(452, null, "Full")).toWire());
    }

    @Test
    void a421FromTheDownstreamDoesNotCloseTheClientsSession() {
        assertEquals("451 4.3.2 closing", GatewayReplies.passOn(Reply.of(421, "4.3.2", "closing")).toWire());
        assertEquals("451 4.3.2 closing", GatewayReplies.passOn(Reply.of(421, null, "closing")).toWire());
    }

    @Test
    void aRecipientRefusedAtRelayTimeIsATemporaryFailureOfTheWholeMessage() {
        assertEquals("451 4.4.0 Error: downstream refused <c@example.org> (550 5.1.1 User unknown); nothing was "
                        + "delivered, try again later",
                GatewayReplies.recipientRefusedAtRelay("c@example.org", Reply.of(550, "5.1.1", "User unknown")).toWire());
    }
}
