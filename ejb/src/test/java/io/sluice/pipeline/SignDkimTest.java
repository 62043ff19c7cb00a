package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.ScanLimits;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimVerifier;
import io.sluice.dkim.SigningKey;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.FilterSpec;
import io.sluice.policy.RuleSpec;
import io.sluice.policy.TestPolicies;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.scan.ScanResult;
import io.sluice.scan.virus.Signatures;
import io.sluice.signing.SigningKeys;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DKIM signing at the end of data: outbound mail only, by the author's domain, over the copy as it leaves. */
class SignDkimTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final String MESSAGE = "From: Alice <alice@mail.example.org>\r\nTo: bob@example.net\r\n"
            + "Subject: figures\r\n\r\nHello\r\n\r\n";
    private static final SigningKey KEY = SigningKey.generate("example.org", "s2026", Algorithm.ED25519_SHA256);

    private final SigningKeys keys = new SigningKeys();

    private static EndOfData message(String content, boolean authenticated, RuleSpec... rules) throws IOException {
        ClientInfo client = new ClientInfo("198.51.100.7", 40000, "192.0.2.10", 25, "client.example", true,
                "gateway.test", Instant.EPOCH, null, null, authenticated ? "alice" : null);
        Transaction tx = new Transaction("06H2ABCDEFGHJKMN", client, "alice@mail.example.org", Map.of(),
                List.of(new Recipient("bob@example.net", Map.of())), io.sluice.api.Attributes.NONE, Instant.EPOCH);
        EndOfData m = new EndOfData(tx, Messages.inMemory(content), TestPolicies.of("Default", rules),
                RuntimeSettings.DEFAULT, new StageClock());
        m.message.attach(new ScanResult(new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn())
                .analyze(m.message.content()), List.of(), null, List.of("test"), List.of()));
        new Decide().apply(m);
        m.prefix = "Received: from client.example by gateway.test\r\n".getBytes(StandardCharsets.US_ASCII);
        new EditHeaders().apply(m);
        return m;
    }

    private void sign(EndOfData m) {
        new SignDkim(keys, ClientInfo::authenticated, CLOCK).apply(m);
    }

    @Test
    void outboundMailIsSignedByTheNearestDomainWithAKeyAndTheSignatureCoversTheCopyAsItLeaves() throws IOException {
        keys.replace(Map.of("example.org", KEY));
        EndOfData m = message(MESSAGE, true, new RuleSpec("tag", FilterSpec.ALWAYS,
                List.of(new ActionSpec(ActionType.ADD_HEADER, null, null, null, "X-Board", "yes", null, null, null))));
        sign(m);
        String delivered = delivered(m);
        assertTrue(delivered.startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=s2026;\r\n"
                + "\tt=1796032800; h=from:from:subject:subject:to:to;\r\n\tbh="), delivered);
        assertTrue(delivered.endsWith("\r\nReceived: from client.example by gateway.test\r\n" + MESSAGE.replace("\r\n\r\nHello", "\r\nX-Board: yes\r\n\r\nHello")),
                delivered);
        List<DkimResult> results = new DkimVerifier(name -> name.equals(KEY.recordName()) ? List.of(KEY.txtRecord()) : List.of(), CLOCK)
                .verify(new ByteArrayInputStream(delivered.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(List.of(new DkimResult(DkimResult.Status.PASS, "example.org", "s2026", "@example.org", "ed25519-sha256",
                results.get(0).headerB(), "good signature")), results);
    }

    @Test
    void inboundMailAndDomainsWithoutAKeyGoUnsigned() throws IOException {
        keys.replace(Map.of("example.org", KEY));
        EndOfData inbound = message(MESSAGE, false);
        sign(inbound);
        assertEquals("Received: from client.example by gateway.test\r\n" + MESSAGE, delivered(inbound));

        keys.replace(Map.of("example.com", KEY, "org", KEY));
        EndOfData otherDomain = message(MESSAGE, true);
        sign(otherDomain);
        assertEquals("Received: from client.example by gateway.test\r\n" + MESSAGE, delivered(otherDomain));

        keys.replace(Map.of("example.org", KEY));
        EndOfData twoAuthors = message(MESSAGE.replace("From: Alice <alice@mail.example.org>", "From: a@example.org, b@example.org"), true);
        sign(twoAuthors);
        assertTrue(delivered(twoAuthors).startsWith("Received: "));
    }

    private static String delivered(EndOfData m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.outgoing.writeTo(out);
        assertEquals(m.outgoing.size(), out.size());
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
