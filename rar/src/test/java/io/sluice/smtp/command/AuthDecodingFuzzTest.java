package io.sluice.smtp.command;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUTH responses (RFC 4954) as a client sends them: decoding never throws; a PLAIN response yields
 * a user and password only when it is base64 of authzid NUL user NUL password with the authzid
 * empty or the user; and credentials encoded as a client would come back unchanged.
 *
 * <p>Input: the response line, in UTF-8.
 */
class AuthDecodingFuzzTest {

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void authResponses(byte[] input) {
        String response = new String(input, StandardCharsets.UTF_8);
        String text = AuthCommand.decode(response); // LOGIN's user name or password
        String[] plain = AuthCommand.plain(response);
        if (plain != null) {
            assertNotNull(text);
            assertEquals(2, plain.length);
            assertTrue(!plain[0].contains("\0") && !plain[1].contains("\0"));
            assertTrue(text.equals("\0" + plain[0] + "\0" + plain[1])
                    || text.equals(plain[0] + "\0" + plain[0] + "\0" + plain[1]), "decoded " + text);
        }
        // the input itself as credentials, the way a client encodes them
        String user = response.replace("\0", "");
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + response.replace("\0", ""))
                .getBytes(StandardCharsets.UTF_8));
        String[] back = AuthCommand.plain(token);
        assertNotNull(back, token);
        assertArrayEquals(new String[] {user, user}, back);
        assertEquals(user, AuthCommand.decode(Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))));
    }
}
