package io.sluice.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The enhanced status code's grammar, exactly as RFC 3463 writes it. */
class EnhancedStatusTest {

    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    @Test
    void theCheckAgreesWithTheExpressionOnEdgesAndRandomStrings() {
        for (String s : List.of("2.0.0", "5.7.1", "4.4.2", "2.123.456", "2.1234.5", "2.1.1234", "3.0.0", "2..0", "2.0.", "2.0",
                ".0.0", "2-0-0", "2.0.0.", "20.0.0", "2.0.0x", "\u0662.0.0", "2.\u0660.0", "", "2")) {
            assertEquals(STATUS.matcher(s).matches(), EnhancedStatus.isWellFormed(s), s);
        }
        Random random = new Random(3463);
        String alphabet = "2453.0189x";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(11); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertEquals(STATUS.matcher(s).matches(), EnhancedStatus.isWellFormed(s), s);
        }
    }
}
