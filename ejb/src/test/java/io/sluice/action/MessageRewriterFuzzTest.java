package io.sluice.action;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sluice.scan.CommittedInputs;
import io.sluice.scan.Messages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Body rewriting (strip *.exe, add a disclaimer) of whatever a client sends: it either refuses a
 * message it cannot parse (an {@link IOException}, nothing else) or writes one that is still fit
 * to relay: CRLF line ends only and no line over 998 octets where the original had none, so a
 * rewrite can never make a message the next server reads differently (SMTP smuggling) or refuses.
 * A message it leaves alone passes byte for byte.
 *
 * <p>Input: the message as received.
 */
class MessageRewriterFuzzTest {

    private static final MessageRewriter REWRITER = new MessageRewriter(List.of("*.exe"), List.of("-- \nSent through the gateway"),
            name -> "The attachment " + name + " was removed.");

    @BeforeAll
    static void warmUp() throws IOException {
        REWRITER.rewrite(Messages.inMemory("Content-Type: text/plain\r\n\r\nhello\r\n"), new ByteArrayOutputStream());
        // and what the committed inputs reach, so that class loading under the fuzzer is no input's fault
        for (byte[] input : CommittedInputs.of(MessageRewriterFuzzTest.class, "rewrite")) {
            try {
                REWRITER.rewrite(Messages.inMemory(input), new ByteArrayOutputStream());
            } catch (IOException e) {
                // not parseable: a case the test itself covers
            }
        }
    }

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void rewrite(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageRewriter.Rewrite r;
        try {
            r = REWRITER.rewrite(Messages.inMemory(message), out);
        } catch (IOException e) {
            return; // not parseable: the message is not rewritten (the caller decides what then)
        }
        byte[] result = out.toByteArray();
        if (!r.changed()) {
            assertArrayEquals(message, result);
            return;
        }
        if (crlfOnly(message)) {
            assertTrue(crlfOnly(result), "the rewrite added a bare CR or LF");
        }
        if (longestLine(message) <= 998) {
            assertTrue(longestLine(result) <= 998, "the rewrite made a line of " + longestLine(result) + " octets");
        }
    }

    private static boolean crlfOnly(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n') || b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    private static int longestLine(byte[] b) {
        int longest = 0;
        int line = 0;
        for (byte c : b) {
            if (c == '\r' || c == '\n') {
                line = 0;
            } else {
                longest = Math.max(longest, ++line);
            }
        }
        return longest;
    }
}
