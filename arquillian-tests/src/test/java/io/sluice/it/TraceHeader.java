package io.sluice.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splits what the downstream received into the gateway's two header fields and the client's content. */
record TraceHeader(String received, String version, byte[] rest) {

    private static final Pattern PREFIX = Pattern.compile(
            "(Received: [^\\r\\n]*(?:\\r\\n\\t[^\\r\\n]*)*\\r\\n)(X-Sluice-Version: [^\\r\\n]*\\r\\n)");

    static TraceHeader split(byte[] delivered) {
        String head = new String(delivered, 0, Math.min(delivered.length, 2048), StandardCharsets.ISO_8859_1);
        Matcher m = PREFIX.matcher(head);
        assertTrue(m.lookingAt(), "no trace header at the start of: " + head);
        return new TraceHeader(m.group(1), m.group(2), Arrays.copyOfRange(delivered, m.end(), delivered.length));
    }

    /** The Received: field the gateway must write for a message from this client to one recipient. */
    void assertReceived(String helo, String queueId, String recipient) {
        String expected = "Received: from " + helo + " ([127.0.0.1])\r\n\tby " + Gateway.HOST
                + " (Sluice) with ESMTP id " + queueId + "\r\n\tfor <" + recipient + ">; "
                + "[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n";
        assertTrue(received.matches(Pattern.quote(expected.substring(0, expected.indexOf("; ") + 2))
                + expected.substring(expected.indexOf("; ") + 2)), "Received header was:\n" + received);
    }
}
