package io.sluice.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Splits what the downstream received into the header fields the gateway adds at the top (trace,
 * version, scan verdicts) and the client's content after them.
 */
record TraceHeader(String received, String version, Map<String, String> verdict, byte[] rest) {

    private static final String FIELD = "[^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*\\r\\n";
    private static final Pattern PREFIX = Pattern.compile("(Received: " + FIELD + ")(X-Sluice-Version: " + FIELD
            + ")((?:X-(?:Spam-Score|Spam-Status|Virus-Scanned|Sluice-Verdict): " + FIELD + ")*)");
    private static final Pattern VERDICT = Pattern.compile("(X-[A-Za-z-]+): (" + FIELD + ")");

    static TraceHeader split(byte[] delivered) {
        String head = new String(delivered, 0, Math.min(delivered.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = PREFIX.matcher(head);
        assertTrue(m.lookingAt(), "no gateway header fields at the start of: " + head);
        Map<String, String> verdict = new LinkedHashMap<>();
        Matcher v = VERDICT.matcher(m.group(3));
        while (v.find()) {
            verdict.put(v.group(1), v.group(2).replaceAll("\r\n(?=[ \t])", "").trim()); // unfolded
        }
        return new TraceHeader(m.group(1), m.group(2), verdict,
                Arrays.copyOfRange(delivered, m.end(), delivered.length));
    }

    /** The Received: field the gateway must write for a message from this client to one recipient. */
    void assertReceived(String helo, String queueId, String recipient) {
        assertReceived(helo, queueId, recipient, "127.0.0.1");
    }

    /** The same for a client at {@code address} (as a trusted load balancer named it). */
    void assertReceived(String helo, String queueId, String recipient, String address) {
        String expected = "Received: from " + helo + " ([" + address + "])\r\n\tby " + Gateway.HOST
                + " (Sluice) with ESMTP id " + queueId + "\r\n\tfor <" + recipient + ">; "
                + "[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n";
        assertTrue(received.matches(Pattern.quote(expected.substring(0, expected.indexOf("; ") + 2))
                + expected.substring(expected.indexOf("; ") + 2)), "Received header was:\n" + received);
    }
}
