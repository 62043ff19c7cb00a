package io.sluice.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictHeadersTest {

    @Test
    void shortFieldsStayOnOneLine() {
        assertEquals("X-Spam-Score: 1.5\r\n", VerdictHeaders.fold("X-Spam-Score: 1.5"));
    }

    @Test
    void longFieldsFoldBeforeASpaceOrAfterACommaAndUnfoldToTheSameWords() {
        String field = "X-Spam-Status: Yes, score=1005.2 required=5.0 tests=GTUBE,MISSING_DATE,MISSING_FROM,"
                + "MISSING_MID,MISSING_HEADERS,NO_HEADERS_MESSAGE,NO_RECEIVED,NO_RELAYS engine=spamd";
        String folded = VerdictHeaders.fold(field);
        for (String line : folded.split("\r\n")) {
            assertTrue(line.length() <= 79, line.length() + ": " + line);
        }
        assertTrue(folded.endsWith("\r\n"));
        // unfolding (RFC 5322 §2.2.3) removes the CRLFs; a comma break leaves its tab behind
        assertEquals(field, folded.replaceAll("\r\n(?=[ \t])", "").replace(",\t", ",").trim());
    }
}
