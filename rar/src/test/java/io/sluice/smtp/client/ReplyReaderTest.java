package io.sluice.smtp.client;

import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replies read from the mail server: the enhanced status code is told from the text (its grammar: EnhancedStatusTest). */
class ReplyReaderTest {

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
