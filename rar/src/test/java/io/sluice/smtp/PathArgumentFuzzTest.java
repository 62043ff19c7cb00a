package io.sluice.smtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import io.sluice.api.MailboxSyntax;
import io.sluice.api.Reply;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MAIL and RCPT arguments: a parse either refuses ({@link PathArgument.Invalid}, nothing else) or
 * yields an address of the RFC 5321 grammar (or RFC 6531's, where SMTPUTF8 allows it) and well-formed
 * parameters, none with a control character that could end a command line when relayed; the DSN
 * checks answer every parameter with acceptance or a 5xx refusal.
 *
 * <p>Input: one octet of flags (bit 0: RCPT instead of MAIL; bit 1: the transaction is SMTPUTF8),
 * then the argument in UTF-8.
 */
class PathArgumentFuzzTest {

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void mailAndRcptArguments(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean rcpt = (input[0] & 1) != 0;
        boolean utf8 = (input[0] & 2) != 0;
        String argument = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        PathArgument path;
        try {
            path = PathArgument.parse(argument, rcpt ? "TO:" : "FROM:", !rcpt, rcpt, utf8);
        } catch (PathArgument.Invalid e) {
            assertNotNull(e.problem());
            return;
        }
        String address = path.address();
        assertTrue(noControls(address), address);
        if (address.isEmpty()) {
            assertTrue(!rcpt, "a null path for RCPT");
        } else if (!(rcpt && address.equalsIgnoreCase("postmaster"))) {
            assertTrue(MailboxSyntax.isAscii(address) ? MailboxSyntax.isValid(address)
                    : (utf8 || path.parameters().containsKey("SMTPUTF8")) && MailboxSyntax.isValidUtf8(address), address);
        }
        for (Map.Entry<String, String> p : path.parameters().entrySet()) {
            String key = p.getKey();
            assertEquals(key.toUpperCase(Locale.ROOT), key);
            assertTrue(key.matches("[A-Z0-9][A-Z0-9-]*"), key);
            assertTrue(p.getValue() == null || noControls(p.getValue()) && !p.getValue().contains(" "), p.getValue());
            Reply check = rcpt ? DsnParameters.checkRcpt(key, p.getValue()) : DsnParameters.checkMail(key, p.getValue());
            assertTrue(check == null || check.code() >= 500, String.valueOf(check));
        }
    }

    private static boolean noControls(String s) {
        return s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
