package io.sluice.pipeline;

import io.sluice.api.Attributes;
import io.sluice.api.ClientInfo;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.arc.ArcResult;
import io.sluice.arc.ArcSealer;
import io.sluice.arc.ArcVerifier;
import io.sluice.config.ArcSealing;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.ScanLimits;
import io.sluice.config.SenderChecks;
import io.sluice.dkim.Algorithm;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimSigner;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ARC sealing at the end of data, through the steps that run before it (DKIM/ARC/DMARC checks with
 * the key records in memory, decide, stamp, rewrite, edit): which messages are sealed, the exact
 * fields of the set, and that the sealed copy verifies (our verifier; python3-dkim checks the same
 * in ArcInteropTest and the end-to-end test).
 */
class SealArcTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final SigningKey SENDER = SigningKey.generate("auth.test", "sel", Algorithm.ED25519_SHA256);
    private static final SigningKey FORWARDER = SigningKey.generate("forwarder.test", "fw", Algorithm.ED25519_SHA256);
    private static final SigningKey SEAL_ED = SigningKey.generate("gateway.test", "arc", Algorithm.ED25519_SHA256);
    private static final SigningKey SEAL_RSA = SigningKey.generate("gateway.test", "arc", Algorithm.RSA_SHA256);
    private static final String MESSAGE = "From: Ann <ann@auth.test>\r\nTo: bob@example.net\r\nSubject: figures\r\n"
            + "\r\nThe figures are attached.\r\n";
    private static final String RECEIVED = "Received: from client.example by gateway.test\r\n";
    private static final RuleSpec TAG = rule(new ActionSpec(ActionType.TAG_SUBJECT, null, null, "[EXT] ", null, null, null, null, null));

    private final SigningKeys keys = new SigningKeys();
    private final Map<String, List<String>> records = new HashMap<>(Map.of(SENDER.recordName(), List.of(SENDER.txtRecord()),
            FORWARDER.recordName(), List.of(FORWARDER.txtRecord()), "_dmarc.auth.test", List.of("v=DMARC1; p=none")));

    private static RuleSpec rule(ActionSpec... actions) {
        return new RuleSpec("change", FilterSpec.ALWAYS, List.of(actions));
    }

    private static String signed(String message) throws Exception {
        return new DkimSigner(CLOCK).sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)), SENDER,
                Canonicalization.RELAXED, Canonicalization.RELAXED) + message;
    }

    private static SenderChecks sealing(ArcSealing mode) {
        return new SenderChecks("", Duration.ofSeconds(2), false, false, Duration.ofMinutes(5), Duration.ofHours(4),
                Duration.ofDays(36), "", true, true, true, mode, "gateway.test");
    }

    /** The message through the steps up to and with the seal; {@code authUser} makes it outbound. */
    private EndOfData run(String content, ArcSealing mode, String authUser, RuleSpec... rules) throws IOException {
        ClientInfo client = new ClientInfo("198.51.100.7", 40000, "192.0.2.10", 25, "client.example", true,
                "gateway.test", Instant.EPOCH, null, null, authUser);
        Transaction tx = new Transaction("06H2ABCDEFGHJKMN", client, "ann@auth.test", Map.of(),
                List.of(new Recipient("bob@example.net", Map.of())), Attributes.NONE, Instant.EPOCH);
        EndOfData m = new EndOfData(tx, Messages.inMemory(content), TestPolicies.of("Default", rules),
                RuntimeSettings.DEFAULT.with(sealing(mode)), new StageClock());
        m.message.attach(new ScanResult(new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn())
                .analyze(m.message.content()), List.of(), null, List.of("test"), List.of()));
        new AuthenticateMessage(() -> name -> records.getOrDefault(name, List.of()), ClientInfo::authenticated, CLOCK,
                () -> 0).apply(m);
        new Decide().apply(m);
        new StampHeaders().apply(m);
        m.prefix = (new String(m.prefix, StandardCharsets.ISO_8859_1).replaceAll("(?s)Received: .*", "") + RECEIVED)
                .getBytes(StandardCharsets.ISO_8859_1); // the trace field without its date, for exact comparisons
        new ForgedVerdicts().apply(m);
        new RewriteBody(new QuarantineHold(null)).apply(m);
        new EditHeaders().apply(m);
        new SealArc(keys, ClientInfo::authenticated, CLOCK).apply(m);
        return m;
    }

    private EndOfData run(String content, ArcSealing mode, RuleSpec... rules) throws IOException {
        return run(content, mode, null, rules);
    }

    private static String delivered(EndOfData m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.outgoing.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The delivered text with every signature (b=) and body hash (bh=) value replaced by "…". */
    private static String masked(String delivered) {
        return delivered.replaceAll("(?<![.\\w])b=[A-Za-z0-9+/=]+(\r\n\t[A-Za-z0-9+/=]+)*", "b=…")
                .replaceAll("bh=[A-Za-z0-9+/=]+", "bh=…");
    }

    private ArcResult arc(String message) throws IOException {
        return new ArcVerifier(name -> records.getOrDefault(name, List.of()))
                .verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private List<DkimResult.Status> dkim(String message) throws IOException {
        return new DkimVerifier(name -> records.getOrDefault(name, List.of()), CLOCK)
                .verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1))).stream()
                .map(DkimResult::status).toList();
    }

    private void sealWith(SigningKey key) {
        keys.replace(Map.of(key.domain(), key));
        records.put(key.recordName(), List.of(key.txtRecord()));
    }

    private static String headerB(String signed) {
        return signed.substring(signed.indexOf("\tb=") + 3, signed.indexOf("\tb=") + 11);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"RSA_SHA256", "ED25519_SHA256"})
    void aTaggedSubjectBreaksTheSendersSignatureSoTheResultsAreSealedAsInstanceOne(Algorithm algorithm) throws Exception {
        sealWith(algorithm == Algorithm.RSA_SHA256 ? SEAL_RSA : SEAL_ED);
        String message = signed(MESSAGE);
        String delivered = delivered(run(message, ArcSealing.CHANGED, TAG));
        String authResults = "gateway.test;\r\n\tdkim=pass header.d=auth.test header.s=sel header.b=" + headerB(message)
                + ";\r\n\tdmarc=pass header.from=auth.test\r\n";
        assertEquals("ARC-Seal: i=1; a=" + algorithm.tag() + "; t=1796032800; cv=none;\r\n\td=gateway.test; s=arc;\r\n\tb=…\r\n"
                + "ARC-Message-Signature: i=1; a=" + algorithm.tag() + "; c=relaxed/relaxed;\r\n\td=gateway.test; s=arc; t=1796032800;\r\n"
                + "\th=from:from:subject:subject:to:to;\r\n\tbh=…;\r\n\tb=…\r\n"
                + "ARC-Authentication-Results: i=1; " + authResults
                + "Authentication-Results: " + authResults + RECEIVED
                + masked(message).replace("Subject: figures", "Subject: [EXT] figures"), masked(delivered));
        assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "gateway.test"), arc(delivered));
        assertEquals(List.of(DkimResult.Status.FAIL), dkim(delivered));
    }

    @Test
    void anUnchangedMessageIsNotSealedUnlessEveryMessageIsToBe() throws Exception {
        sealWith(SEAL_ED);
        String message = signed(MESSAGE);
        String authResults = "Authentication-Results: gateway.test;\r\n\tdkim=pass header.d=auth.test header.s=sel header.b="
                + headerB(message) + ";\r\n\tdmarc=pass header.from=auth.test\r\n";
        assertEquals(authResults + RECEIVED + message, delivered(run(message, ArcSealing.CHANGED)));
        // a header the signature does not name changes nothing it covers
        RuleSpec unsignedField = rule(ActionSpec.addHeader("X-Board", "yes"));
        assertEquals(authResults + RECEIVED + message.replace("\r\n\r\nThe", "\r\nX-Board: yes\r\n\r\nThe"),
                delivered(run(message, ArcSealing.CHANGED, unsignedField)));

        String all = delivered(run(message, ArcSealing.ALL));
        assertEquals("ARC-Seal: i=1; a=ed25519-sha256; t=1796032800; cv=none;", all.substring(0, all.indexOf("\r\n")));
        assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "gateway.test"), arc(all));
        assertEquals(List.of(DkimResult.Status.PASS), dkim(all));
        assertEquals(authResults + RECEIVED + message.replace("Subject: figures", "Subject: [EXT] figures"),
                delivered(run(message, ArcSealing.OFF, TAG)));
    }

    @Test
    void removingOrAddingAFieldTheSignatureNamesBreaksIt() throws Exception {
        sealWith(SEAL_ED);
        String message = signed(MESSAGE);
        for (RuleSpec r : List.of(rule(ActionSpec.removeHeader("To")), rule(ActionSpec.addHeader("To", "carol@example.net")))) {
            String delivered = delivered(run(message, ArcSealing.CHANGED, r));
            assertEquals("ARC-Seal: i=1;", delivered.substring(0, 14), r.toString());
            assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "gateway.test"), arc(delivered));
            assertEquals(List.of(DkimResult.Status.FAIL), dkim(delivered));
        }
    }

    @Test
    void aDisclaimerChangesTheBodyEverySignatureCovers() throws Exception {
        sealWith(SEAL_ED);
        String message = signed(MESSAGE);
        String delivered = delivered(run(message, ArcSealing.CHANGED,
                rule(new ActionSpec(ActionType.DISCLAIMER, null, null, "Sent from outside.", null, null, null, null, null))));
        assertEquals("ARC-Seal: i=1;", delivered.substring(0, 14));
        assertEquals(true, delivered.endsWith("Sent from outside.\r\n"), delivered);
        assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "gateway.test"), arc(delivered));
        assertEquals(List.of(DkimResult.Status.FAIL), dkim(delivered));
    }

    @Test
    void withoutASignatureThatPassedThereIsNothingToVouchFor() throws Exception {
        sealWith(SEAL_ED);
        String unsigned = delivered(run(MESSAGE, ArcSealing.CHANGED, TAG));
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=none;\r\n\tdmarc=fail header.from=auth.test\r\n" + RECEIVED
                + MESSAGE.replace("Subject: figures", "Subject: [EXT] figures"), unsigned);
        String altered = signed(MESSAGE).replace("attached", "ATTACHED");
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=fail header.d=auth.test header.s=sel header.b="
                + headerB(altered) + ";\r\n\tdmarc=fail header.from=auth.test\r\n" + RECEIVED
                + altered.replace("Subject: figures", "Subject: [EXT] figures"), delivered(run(altered, ArcSealing.CHANGED, TAG)));
    }

    @Test
    void aChainThatPassedIsExtendedToInstanceTwo() throws Exception {
        sealWith(SEAL_ED);
        String message = signed(MESSAGE);
        String forwarded = new ArcSealer(CLOCK).seal(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)),
                FORWARDER, "forwarder.test", "dkim=pass header.d=auth.test", ArcResult.NONE) + message;
        String delivered = delivered(run(forwarded, ArcSealing.CHANGED, TAG));
        assertEquals("ARC-Seal: i=2; a=ed25519-sha256; t=1796032800; cv=pass;", delivered.substring(0, delivered.indexOf("\r\n")));
        assertEquals("ARC-Authentication-Results: i=2; gateway.test;\r\n\tdkim=pass header.d=auth.test header.s=sel header.b="
                        + headerB(message) + ";\r\n\tarc=pass;\r\n\tdmarc=pass header.from=auth.test\r\n",
                delivered.substring(delivered.indexOf("ARC-Authentication-Results: i=2"), delivered.indexOf("Authentication-Results: gateway")));
        assertEquals(new ArcResult(ArcResult.Status.PASS, 2, "chain of 2 verified", "gateway.test"), arc(delivered));
    }

    @Test
    void aChainThatFailedHereIsSealedWithCvFailOverItsOwnSetAndOneThatFailedBeforeIsNotSealedAgain() throws Exception {
        sealWith(SEAL_ED);
        String message = signed(MESSAGE);
        SigningKey unpublished = SigningKey.generate("forwarder.test", "gone", Algorithm.ED25519_SHA256);
        String forwarded = new ArcSealer(CLOCK).seal(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)),
                unpublished, "forwarder.test", "dkim=pass header.d=auth.test", ArcResult.NONE) + message;
        String delivered = delivered(run(forwarded, ArcSealing.CHANGED, TAG));
        assertEquals("ARC-Seal: i=2; a=ed25519-sha256; t=1796032800; cv=fail;", delivered.substring(0, delivered.indexOf("\r\n")));
        assertEquals(true, delivered.contains("\r\n\tarc=fail;\r\n"), delivered);
        assertEquals(ArcResult.Status.FAIL, arc(delivered).status());

        // the chain now ends with cv=fail: no one adds to it (RFC 8617 §5.1.2)
        String again = delivered(run(delivered, ArcSealing.ALL, TAG));
        assertEquals("Authentication-Results: gateway.test;", again.substring(0, again.indexOf("\r\n")));
    }

    @Test
    void outboundMailAndASealingDomainWithoutAnActiveKeyAreNotSealed() throws Exception {
        sealWith(SEAL_ED);
        String message = signed(MESSAGE);
        assertEquals(RECEIVED + message.replace("Subject: figures", "Subject: [EXT] figures"),
                delivered(run(message, ArcSealing.ALL, "ann", TAG)));
        keys.replace(Map.of("other.test", SEAL_ED));
        assertEquals("Authentication-Results: gateway.test;", delivered(run(message, ArcSealing.ALL, TAG)).substring(0, 37));
    }
}
