package io.sluice.scan;

import io.sluice.config.ScanLimits;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MIME analysis of whatever a client sends: it never fails (a broken message is "malformed", one
 * past a limit "unscannable", both verdicts, never exceptions), it stays within its limits, and it
 * finds the EICAR test file wherever the message carries it plainly in its first part.
 *
 * <p>Input: the message as received.
 */
class MessageAnalyzerFuzzTest {

    /** Small limits, so the fuzzer reaches them with small inputs. */
    private static final ScanLimits LIMITS = new ScanLimits(4, 20, 64 * 1024, 100, 2000);
    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(LIMITS, Signatures.builtIn());

    @BeforeAll
    static void warmUp() throws IOException {
        // class loading (Jakarta Mail, jsoup, Commons Compress) is no input's fault: keep it out of the 1 s per input
        ANALYZER.analyze(Messages.inMemory("Content-Type: text/plain\r\n\r\nhello\r\n"));
        for (byte[] input : CommittedInputs.of(MessageAnalyzerFuzzTest.class, "analyze")) {
            ANALYZER.analyze(Messages.inMemory(input));
        }
    }

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void analyze(byte[] message) throws IOException {
        Analysis a = ANALYZER.analyze(Messages.inMemory(message));
        assertTrue(a.parts() <= LIMITS.maxParts() + 1, "parts " + a.parts());
        assertTrue(a.attachments().size() + a.texts().size() <= LIMITS.maxParts() + 1,
                a.attachments().size() + " attachments and " + a.texts().size() + " texts");
        for (TextPart t : a.texts()) {
            assertTrue(t.text().length() <= LIMITS.maxTextChars(), "text of " + t.text().length() + " characters");
        }
        for (Attachment at : a.attachments()) {
            assertTrue(at.size() >= 0 && at.size() <= LIMITS.maxExpandedBytes(), "attachment of " + at.size());
        }
        String text = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith("\r\n" + Signatures.EICAR)) { // no header at all: the body is the EICAR file
            assertEquals(1, a.viruses().size(), a.toString());
        }
    }
}
