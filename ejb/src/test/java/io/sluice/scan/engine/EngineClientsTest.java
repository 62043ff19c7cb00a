package io.sluice.scan.engine;

import io.sluice.api.ClientInfo;
import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.scan.Messages;
import io.sluice.scan.spam.SpamSymbol;
import io.sluice.scan.spam.SpamVerdict;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clients of clamd, spamd and Rspamd: their protocol parsing on recorded answers, their
 * failures, and (when .ci/engines/start-engines.sh has started them: SLUICE_IT_CLAMD, ...) the real
 * daemons on loopback.
 */
class EngineClientsTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static Transaction tx() {
        return new Transaction("06H2TESTQUEUEID0", new ClientInfo("192.0.2.7", 40000, "127.0.0.1", 25, "client.example",
                true, "gw.test", Instant.now(), null, null, null), "a@example.org", Map.of(), List.of(Recipient.of("b@example.org")),
                io.sluice.api.Attributes.NONE, Instant.now());
    }

    static MessageContent gtube() {
        return Messages.inMemory("From: a@example.org\r\nTo: b@example.org\r\nSubject: test\r\n\r\n" + GTUBE + "\r\n");
    }

    static MessageContent eicarInZip() throws IOException {
        return Messages.inMemory(Messages.withAttachment("eicar.zip", "application/zip",
                Messages.zip("eicar.com", Signatures.EICAR.getBytes(StandardCharsets.US_ASCII))));
    }

    static MessageContent clean() {
        return Messages.inMemory("From: a@example.org\r\nTo: b@example.org\r\nSubject: lunch\r\nDate: Sat, 28 Nov 2026 "
                + "10:00:00 +0000\r\nMessage-ID: <lunch@example.org>\r\n\r\nNoon at the usual place?\r\n");
    }

    // ---- recorded answers ----

    @Test
    void clamdAnswers() throws EngineException {
        assertEquals(ClamdClient.Result.CLEAN, ClamdClient.parse("stream: OK"));
        assertEquals(new ClamdClient.Result("Win.Test.EICAR_HDB-1", null), ClamdClient.parse("stream: Win.Test.EICAR_HDB-1 FOUND"));
        assertEquals("clamd: INSTREAM size limit exceeded. ERROR", assertThrows(EngineException.class,
                () -> ClamdClient.parse("INSTREAM size limit exceeded. ERROR")).getMessage());
    }

    @Test
    void spamdReport() throws IOException {
        String reply = "SPAMD/1.1 0 EX_OK\r\nContent-length: 400\r\nSpam: True ; 1005.2 / 5.0\r\n\r\n"
                + "Content analysis details:   (1005.2 points, 5.0 required)\r\n\r\n"
                + " pts rule name              description\r\n"
                + "---- ---------------------- --------------------------------------------------\r\n"
                + "-0.0 NO_RECEIVED            Informational: message has no Received headers\r\n"
                + " 2.7 MISSING_DATE           Missing Date: header\r\n"
                + "1000 GTUBE                  BODY: Generic Test for Unsolicited Bulk Email\r\n"
                + "                            continued description\r\n";
        SpamVerdict v = SpamdClient.parse(new ByteArrayInputStream(reply.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1005.2, v.score());
        assertEquals(List.of(new SpamSymbol("GTUBE", 1000), new SpamSymbol("MISSING_DATE", 2.7),
                new SpamSymbol("NO_RECEIVED", -0.0)), v.symbols());
        assertEquals("spamd: SPAMD/1.0 76 Bad header line: x", assertThrows(EngineException.class,
                () -> SpamdClient.parse(new ByteArrayInputStream("SPAMD/1.0 76 Bad header line: x\r\n".getBytes(
                        StandardCharsets.UTF_8)))).getMessage());
    }

    @Test
    void rspamdJsonAndChunkedHttp() throws IOException {
        String json = "{\"is_skipped\":false,\"score\":7.5,\"required_score\":15.0,\"action\":\"add header\","
                + "\"symbols\":{\"R_DKIM_NA\":{\"name\":\"R_DKIM_NA\",\"score\":0.0},\"FAKE_REPLY\":{\"name\":\"FAKE_REPLY\","
                + "\"score\":1.5},\"BAYES_SPAM\":{\"name\":\"BAYES_SPAM\",\"score\":6.0}}}";
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + Integer.toHexString(20) + "\r\n" + json.substring(0, 20) + "\r\n"
                + Integer.toHexString(json.length() - 20) + "\r\n" + json.substring(20) + "\r\n0\r\n\r\n";
        SpamVerdict v = RspamdClient.parse(RspamdClient.HttpResponse.read(new ByteArrayInputStream(
                chunked.getBytes(StandardCharsets.UTF_8))));
        assertEquals(7.5, v.score());
        assertEquals("BAYES_SPAM,FAKE_REPLY,R_DKIM_NA", v.symbolList());
        assertThrows(EngineException.class, () -> RspamdClient.parse(new RspamdClient.HttpResponse(500, new byte[0])));
    }

    @Test
    void anEngineThatIsNotThereFailsFast() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EngineException e = assertThrows(EngineException.class,
                () -> new ClamdClient("127.0.0.1:" + port, TIMEOUT, 1 << 20).scan(clean()));
        assertTrue(e.getMessage().startsWith("127.0.0.1:" + port + ": Connection refused"), e.getMessage());
        assertFalse(new ClamdClient("127.0.0.1:" + port, TIMEOUT, 1 << 20).ping());
        assertThrows(EngineException.class, () -> new SpamdClient("unix:/nonexistent/spamd.sock", TIMEOUT).score(clean()));
    }

    @Test
    void anEngineThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            EngineException e = assertThrows(EngineException.class, () -> new SpamdClient(
                    "127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300)).score(clean()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 250 && ms < 5000, ms + " ms");
            assertTrue(e.getMessage().contains("timed out") || e.getMessage().contains("Read timed out"), e.getMessage());
        }
    }

    @Test
    void tooBigForClamdIsSkippedNotSent() throws EngineException {
        ClamdClient.Result r = new ClamdClient("127.0.0.1:1", TIMEOUT, 10).scan(clean());
        assertNull(r.virus());
        assertEquals("larger than clamd's StreamMaxLength of 10 octets", r.skipped());
    }

    // ---- the real daemons ----

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_CLAMD", matches = ".+")
    void realClamdFindsEicarInAZipAndPassesACleanMessage() throws IOException {
        ClamdClient clamd = new ClamdClient(System.getenv("SLUICE_IT_CLAMD"), TIMEOUT, 25L << 20);
        assertTrue(clamd.ping());
        assertEquals("Sluice.Test.EICAR.UNOFFICIAL", clamd.scan(eicarInZip()).virus());
        assertEquals(ClamdClient.Result.CLEAN, clamd.scan(clean()));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_SPAMD", matches = ".+")
    void realSpamdScoresGtube() throws IOException {
        SpamdClient spamd = new SpamdClient(System.getenv("SLUICE_IT_SPAMD"), TIMEOUT);
        SpamVerdict v = spamd.score(gtube());
        assertTrue(v.score() >= 1000, v.toString());
        assertEquals(new SpamSymbol("GTUBE", 1000), v.symbols().get(0));
        assertTrue(spamd.score(clean()).score() < 5);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_RSPAMD", matches = ".+")
    void realRspamdScoresGtube() throws IOException {
        RspamdClient rspamd = new RspamdClient(System.getenv("SLUICE_IT_RSPAMD"), TIMEOUT);
        SpamVerdict v = rspamd.score(tx(), gtube());
        assertTrue(v.symbols().stream().anyMatch(s -> s.name().equals("GTUBE")), v.toString());
        assertTrue(v.score() >= 15, v.toString());
        assertTrue(rspamd.score(tx(), clean()).score() < 15);
    }
}
