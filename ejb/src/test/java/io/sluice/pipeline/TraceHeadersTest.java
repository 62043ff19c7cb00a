package io.sluice.pipeline;

import io.sluice.Version;
import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceHeadersTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 28, 9, 5, 7, 0, ZoneOffset.ofHours(1));

    private static Transaction tx(String address, String helo, boolean esmtp, List<Recipient> rcpts) {
        ClientInfo client = new ClientInfo(address, 40000, "192.0.2.10", 25, helo, esmtp, "mx.example.net",
                Instant.EPOCH, null, null, null);
        return new Transaction("06H2ABCDEFGHJKMN", client, "a@example.org", Map.of(), rcpts, io.sluice.api.Attributes.NONE, Instant.EPOCH);
    }

    @Test
    void receivedNamesTheClientTheGatewayTheQueueIdAndASingleRecipient() {
        byte[] h = TraceHeaders.build(tx("198.51.100.7", "client.example", true,
                List.of(Recipient.of("bob@example.com"))), NOW);
        assertEquals("Received: from client.example ([198.51.100.7])\r\n"
                + "\tby mx.example.net (Sluice) with ESMTP id 06H2ABCDEFGHJKMN\r\n"
                + "\tfor <bob@example.com>; Sat, 28 Nov 2026 09:05:07 +0100\r\n"
                + "X-Sluice-Version: " + Version.VALUE + "\r\n", new String(h, StandardCharsets.UTF_8));
    }

    @Test
    void severalRecipientsAreNotListedAndIpv6IsAnAddressLiteral() {
        byte[] h = TraceHeaders.build(tx("2001:db8::7", "old.example", false,
                List.of(Recipient.of("a@example.com"), Recipient.of("b@example.com"))), NOW);
        assertEquals("Received: from old.example ([IPv6:2001:db8::7])\r\n"
                + "\tby mx.example.net (Sluice) with SMTP id 06H2ABCDEFGHJKMN; Sat, 28 Nov 2026 09:05:07 +0100\r\n"
                + "X-Sluice-Version: " + Version.VALUE + "\r\n", new String(h, StandardCharsets.UTF_8));
    }

    @Test
    void controlCharactersInHeloCannotBreakTheHeader() {
        byte[] h = TraceHeaders.build(tx("198.51.100.7", "evil\u0000\u001bname", true,
                List.of(Recipient.of("bob@example.com"))), NOW);
        assertEquals("Received: from evil??name ([198.51.100.7])", new String(h, StandardCharsets.UTF_8).split("\r\n")[0]);
    }

    /** Formatted once a second: the same second gives the same text, the next second or another offset a new one. */
    @Test
    void theDateIsTheSameWithinASecondAndFollowsTheSecondAndTheOffset() {
        ZonedDateTime a = ZonedDateTime.of(2026, 11, 28, 9, 5, 7, 0, ZoneOffset.ofHours(1));
        assertEquals("Sat, 28 Nov 2026 09:05:07 +0100", TraceHeaders.date(a));
        assertEquals("Sat, 28 Nov 2026 09:05:07 +0100", TraceHeaders.date(a.plusNanos(999_999_999)));
        assertEquals("Sat, 28 Nov 2026 09:05:08 +0100", TraceHeaders.date(a.plusSeconds(1)));
        assertEquals("Sat, 28 Nov 2026 08:05:08 +0000", TraceHeaders.date(a.plusSeconds(1).withZoneSameInstant(ZoneOffset.UTC)));
        assertEquals("Sat, 28 Nov 2026 09:05:07 +0100", TraceHeaders.date(a));
    }
}
