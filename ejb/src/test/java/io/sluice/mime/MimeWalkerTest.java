package io.sluice.mime;

import io.sluice.config.ScanLimits;
import io.sluice.scan.Messages;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one walk over a message: which parts are leaves, what they are called, where they lie. */
class MimeWalkerTest {

    private static final String HEAD = "From: ann@example.org\r\nSubject: Gr\u00c3\u00bc\u00c3\u009fe\r\nMIME-Version: 1.0\r\n";

    /** One line per leaf: path, type, name, inline text or not, body or not. */
    private static List<String> leaves(String message, ScanLimits limits) throws IOException, MessagingException {
        List<String> seen = new ArrayList<>();
        try (SpooledMessage m = SpooledMessage.open(Messages.inMemory(message))) {
            new MimeWalker(limits).walk(m.parse(), leaf -> seen.add(leaf.path() + " " + leaf.type() + " [" + leaf.fileName()
                    + "]" + (leaf.inlineText() ? " text" : "") + (leaf.body() ? " body" : "")));
        }
        return seen;
    }

    @Test
    void leavesComeInOrderWithTheirPathsNamesAndRoles() throws Exception {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n"
                + "--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
                + "--a\r\nContent-Type: text/plain\r\n\r\nhi\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--a--\r\n"
                + "--m\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename*=UTF-8''n%C3%B6tes.txt\r\n\r\nn\r\n"
                + "--m\r\nContent-Type: message/rfc822; name=fwd.eml\r\n\r\nSubject: fwd\r\nContent-Type: text/plain\r\n\r\ntheirs\r\n"
                + "--m\r\nContent-Type: image/png; name=\"=?ISO-8859-1?Q?=E4.png?=\"\r\n\r\nx\r\n--m--\r\n";
        assertEquals(List.of("1.1.1 text/plain [] text body", "1.1.2 text/html [] text body",
                "1.2 text/plain [nötes.txt]", "1.3.1 text/plain [] text", "1.4 image/png [ä.png]"), leaves(message, ScanLimits.DEFAULT));
    }

    @Test
    void deeperThanTheLimitIsRefused() throws Exception {
        StringBuilder message = new StringBuilder(HEAD);
        String close = "";
        for (int i = 0; i < 4; i++) {
            message.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
            close = "\r\n--b" + i + "--" + close;
        }
        message.append("Content-Type: text/plain\r\n\r\ndeep").append(close).append("\r\n");
        assertEquals(List.of("1.1.1.1.1 text/plain [] text body"), leaves(message.toString(), new ScanLimits(4, 10, 1000, 10, 100)));
        LimitExceeded e = assertThrows(LimitExceeded.class, () -> leaves(message.toString(), new ScanLimits(3, 10, 1000, 10, 100)));
        assertEquals("nested deeper than 3 levels", e.getMessage());
    }

    @Test
    void moreLeavesThanTheLimitAreRefused() throws Exception {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n\r\na\r\n--m\r\n\r\nb\r\n--m--\r\n";
        assertEquals(2, leaves(message, new ScanLimits(4, 2, 1000, 10, 100)).size());
        LimitExceeded e = assertThrows(LimitExceeded.class, () -> leaves(message, new ScanLimits(4, 1, 1000, 10, 100)));
        assertEquals("more than 1 parts and archive members", e.getMessage());
    }

    /** Where each part lies, and its header fields exactly as they came, UTF-8 octets included. */
    @Test
    void aPartIsLocatedInTheOctetsWithItsHeaderFields() throws Exception {
        String inner = "Subject: \u00c3\u00a9t\u00c3\u00a9\r\nContent-Type: application/octet-stream;\r\n name=\"a.bin\"\r\n\r\nAB";
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\npreamble\r\n--m\r\n"
                + "Content-Type: message/rfc822\r\n\r\n" + inner + "\r\n--m--\r\n";
        List<MimeNode> found = new ArrayList<>();
        try (SpooledMessage m = SpooledMessage.open(Messages.inFile(message))) {
            new MimeWalker(ScanLimits.DEFAULT).walk(m.parse(), found::add);
            MimeNode leaf = found.get(0);
            assertEquals("1.1.1", leaf.path());
            assertEquals(message.indexOf(inner), leaf.start());
            assertEquals(message.indexOf(inner) + inner.length(), leaf.end());
            assertEquals(List.of("Subject: \u00c3\u00a9t\u00c3\u00a9", "Content-Type: application/octet-stream;\r\n name=\"a.bin\""),
                    leaf.headerFields());
            assertEquals("a.bin", leaf.fileName());
            assertEquals(false, leaf.ownsLastLineBreak());
            assertEquals(true, leaf.isMessage());
        }
        assertEquals(1, found.size());
    }

    @Test
    void textThatNamesNoCharsetIsReadAsUtf8() throws Exception {
        List<MimeNode> found = new ArrayList<>();
        try (SpooledMessage m = SpooledMessage.open(Messages.inMemory(HEAD + "Content-Type: text/plain\r\n\r\nx\r\n"))) {
            new MimeWalker(ScanLimits.DEFAULT).walk(m.parse(), found::add);
        }
        assertEquals(StandardCharsets.UTF_8, found.get(0).charset());
        assertEquals(null, found.get(0).declaredCharset());
    }
}
