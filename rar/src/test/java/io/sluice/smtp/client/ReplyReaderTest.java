package io.sluice.smtp.client;

import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replies read from the mail server: the enhanced status code is told from the text exactly as RFC 3463 writes it. */
class ReplyReaderTest {

    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    @Test
    void theStatusCheckAgreesWithTheExpressionOnEdgesAndRandomStrings() {
        for (String s : List.of("2.0.0", "5.7.1", "4.4.2", "2.123.456", "2.1234.5", "2.1.1234", "3.0.0", "2..0", "2.0.", "2.0",
                ".0.0", "2-0-0", "2.0.0.", "20.0.0", "2.0.0x", "\u0662.0.0", "2.\u0660.0", "", "2")) {
            assertEquals(STATUS.matcher(s).matches(), ReplyReader.isStatus(s), s);
        }
        Random random = new Random(3463);
        String alphabet = "2453.0189x";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(11); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertEquals(STATUS.matcher(s).matches(), ReplyReader.isStatus(s), s);
        }
    }

    @Test
    void aMultiLineReplyKeepsItsStatusOnlyWhenTheClassMatchesTheCode() throws IOException {
        ReplyReader r = new ReplyReader(new ByteArrayInputStream(
                "250-2.1.5 first\r\n250 2.1.5 second\r\n550 2.1.1 class differs\r\n354 go ahead\r\n".getBytes(StandardCharsets.US_ASCII)));
        Reply ok = r.read();
        assertEquals(250, ok.code());
        assertEquals("2.1.5", ok.status());
        assertEquals(List.of("first", "second"), ok.lines());
        Reply refused = r.read();
        assertEquals(null, refused.status());
        assertEquals(List.of("2.1.1 class differs"), refused.lines());
        Reply data = r.read();
        assertEquals(354, data.code());
        assertEquals(null, data.status());
        assertEquals(List.of("go ahead"), data.lines());
    }
}
