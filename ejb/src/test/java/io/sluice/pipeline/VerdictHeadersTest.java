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

    @Test
    void scoresAreWrittenAsTheFormatterWritesThem() {
        java.util.Random random = new java.util.Random(42);
        double[] edges = {0, -0.0, 0.05, 0.15, 0.25, -0.05, -0.04, 1.05, 2.675, 4.95, 5.0, 99.95, -3.45, 1e-9, -1e-9,
                1234567.85, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : edges) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", d), VerdictHeaders.format(d), Double.toString(d));
        }
        for (int i = 0; i < 100_000; i++) {
            double d = i % 2 == 0 ? Math.round((random.nextDouble() * 40 - 20) * 1000) / 1000.0 : random.nextGaussian() * 10;
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", d), VerdictHeaders.format(d), Double.toString(d));
        }
    }
}
