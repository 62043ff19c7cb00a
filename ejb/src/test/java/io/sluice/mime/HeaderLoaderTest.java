package io.sluice.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The header loader adds exactly the lines Jakarta Mail's own load adds, and stops at the same octet. */
class HeaderLoaderTest {

    /** The header lines added, then what is left of the input. */
    private static List<String> viaJakartaMail(byte[] in, boolean utf8) throws MessagingException {
        ByteArrayInputStream s = new ByteArrayInputStream(in);
        InternetHeaders h = new InternetHeaders(s, utf8);
        return seen(h, s);
    }

    private static List<String> viaLoader(byte[] in, boolean utf8) throws MessagingException {
        ByteArrayInputStream s = new ByteArrayInputStream(in);
        InternetHeaders h = HeaderLoader.load(s, utf8);
        return seen(h, s);
    }

    private static List<String> seen(InternetHeaders h, ByteArrayInputStream rest) {
        List<String> lines = new ArrayList<>(Collections.list(h.getAllHeaderLines()));
        lines.add("rest: " + new String(rest.readAllBytes(), StandardCharsets.ISO_8859_1));
        return lines;
    }

    /** What reading gave: the lines and the rest, or the exception (Jakarta Mail's own failures included). */
    private interface Reading {
        List<String> read(byte[] in, boolean utf8) throws MessagingException;
    }

    private static List<String> outcome(Reading reading, byte[] in, boolean utf8) {
        try {
            return reading.read(in, utf8);
        } catch (MessagingException | RuntimeException e) {
            return List.of("threw " + e);
        }
    }

    private static void same(String message) {
        byte[] in = message.getBytes(StandardCharsets.UTF_8);
        for (boolean utf8 : new boolean[] {true, false}) {
            assertEquals(outcome(HeaderLoaderTest::viaJakartaMail, in, utf8), outcome(HeaderLoaderTest::viaLoader, in, utf8),
                    message);
        }
    }

    @Test
    void typicalHeadersAreReadAsJakartaMailReadsThem() throws MessagingException {
        String message = "Received: from a\r\n\tby b; Mon, 30 Nov 2026 10:00:00 +0000\r\nFrom: ann@example.org\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n  und mehr\r\nX-Empty:\r\n\r\nbody\r\n";
        byte[] in = message.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("Received: from a\r\n\tby b; Mon, 30 Nov 2026 10:00:00 +0000", "From: ann@example.org",
                "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n  und mehr", "X-Empty:", "rest: body\r\n"), viaLoader(in, true));
        same(message);
    }

    @Test
    void oddShapesAreReadAsJakartaMailReadsThem() throws MessagingException {
        for (String m : List.of("", "\r\n", "\r\nbody", " leading continuation\r\nA: b\r\n\r\nx", "  \r\nA: b\r\n\r\n",
                "A: b\nC: d\n\nbare LF", "A: b\rC: d\r\rbare CR", "A: b\r\n \r\n\r\nx", "A: b\r\n\t\r\nB: c\r\n\r\n",
                "no colon at all\r\nA: b\r\n\r\n", "A: b", "A: b\r\n", "A: Gr\u00fc\u00dfe \u2603\r\n\r\n", ":\r\n\r\n",
                "A: b\r\n   \r\nB: c\r\n\r\nwhitespace line", "A:\r\n\r\n\r\n", "A: b\r\n\r\n\r\nC: d\r\n")) {
            same(m);
        }
    }

    @Test
    void randomHeaderSectionsAreReadAsJakartaMailReadsThem() throws MessagingException {
        String[] pieces = {"A", "Subject", ":", " ", "\t", "\r\n", "\n", "\r", "x", "\u00e9", "\u2603", "=?UTF-8?B?w6k=?=", ";", "\r\n\r\n"};
        Random random = new Random(14);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder m = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                m.append(pieces[random.nextInt(pieces.length)]);
            }
            same(m.toString());
        }
    }
}
