package io.sluice.action;

import io.sluice.api.MessageContent;
import io.sluice.config.ScanLimits;
import io.sluice.scan.Contents;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Body rewriting: exactly the changed parts change, byte for byte. */
class MessageRewriterTest {

    static final String HEAD = "From: ann@example.org\r\nTo: bob@example.com\r\nSubject: Q3\r\n"
            + "Message-ID: <q3@example.org>\r\nMIME-Version: 1.0\r\n";
    static final String TEXT = "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe numbers are attached.\r\n";
    static final String EXE = "Content-Type: application/octet-stream; name=\"setup.exe\"\r\n"
            + "Content-Disposition: attachment;\r\n filename=\"setup.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n";
    static final String PDF = "Content-Type: application/pdf; name=\"q3.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"q3.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n";
    static final String MIXED = HEAD + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "This is a multi-part message in MIME format.\r\n"
            + "--b1\r\n" + TEXT + "--b1\r\n" + EXE + "--b1 \r\n" + PDF + "--b1--\r\nepilogue stays\r\n";
    static final String NOTICE = "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n"
            + "Content-Disposition: inline\r\n\r\nsetup.exe was removed\r\n";

    private static final MessageRewriter STRIP_EXE = new MessageRewriter(List.of("*.EXE"), List.of(),
            name -> name + " was removed\n");

    private static MessageRewriter disclaimer(String text) {
        return new MessageRewriter(List.of(), List.of(text), name -> "");
    }

    private record Result(String message, MessageRewriter.Rewrite rewrite) {
    }

    private static Result rewrite(MessageRewriter r, String message) throws IOException {
        return rewrite(r, Contents.inMemory(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static Result rewrite(MessageRewriter r, MessageContent content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageRewriter.Rewrite rewrite = r.rewrite(content, out);
        return new Result(out.toString(StandardCharsets.ISO_8859_1), rewrite);
    }

    private static MimeMessage parse(String message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void strippingReplacesExactlyTheAttachmentAndKeepsEverythingElseByteForByte() throws Exception {
        Result r = rewrite(STRIP_EXE, MIXED);
        assertEquals(MIXED.replace(EXE, NOTICE), r.message());
        assertEquals(new MessageRewriter.Rewrite(List.of("setup.exe"), 0, List.of()), r.rewrite());
        MimeMultipart parts = (MimeMultipart) parse(r.message()).getContent();
        assertEquals(3, parts.getCount());
        assertEquals("setup.exe was removed", parts.getBodyPart(1).getContent()); // the last CRLF is the boundary's
        assertEquals("inline", parts.getBodyPart(1).getDisposition());
    }

    @Test
    void aSpooledMessageIsRewrittenTheSameWay() throws Exception {
        Path file = Files.createTempFile("rewrite", ".eml");
        try {
            Files.writeString(file, MIXED, StandardCharsets.ISO_8859_1);
            assertEquals(MIXED.replace(EXE, NOTICE), rewrite(STRIP_EXE, Contents.file(file)).message());
        } finally {
            Files.delete(file);
        }
    }

    /**
     * Regression: ATTACHMENT_NAME *.exe matched an .exe inside a forwarded message, but stripping
     * did not reach it. Now the attachment inside goes, and the forwarded message's own header
     * fields and text stay as they were; no disclaimer goes into someone else's text.
     */
    @Test
    void anAttachmentInsideAForwardedMessageIsStrippedAndTheRestOfItKept() throws Exception {
        String inner = "From: carol@example.net\r\nSubject: tool\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n--in\r\n" + TEXT + "--in\r\n" + EXE + "--in--\r\n";
        String forward = HEAD + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n" + TEXT
                + "--b1\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--b1--\r\n";

        Result r = rewrite(STRIP_EXE, forward);
        assertEquals(forward.replace(EXE, NOTICE), r.message());
        assertEquals(List.of("setup.exe"), r.rewrite().stripped());

        Result d = rewrite(new MessageRewriter(List.of("*.exe"), List.of("--\nExample Corp."), name -> name + " was removed\n"),
                forward);
        assertEquals(1, d.rewrite().disclaimed(), "only the forwarding message's own text");
        assertEquals(1, d.message().split("Example Corp\\.", -1).length - 1);
    }

    /**
     * A forwarded message given as a named attachment ("old.eml", as mail programs forward) is
     * opened like any other: the analysis reads its parts and never took "old.eml" for an
     * attachment's name, so ATTACHMENT_NAME *.exe matches the .exe inside and *.eml matches
     * nothing. Stripping follows it.
     */
    @Test
    void aForwardedMessageWithAFileNameIsOpenedLikeAnyOther() throws Exception {
        String forward = HEAD + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n" + TEXT
                + "--b1\r\nContent-Type: message/rfc822; name=\"old.eml\"\r\nContent-Disposition: attachment; "
                + "filename=\"old.eml\"\r\n\r\nSubject: old\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
                + "boundary=\"in\"\r\n\r\n--in\r\n" + EXE + "--in--\r\n--b1--\r\n";
        Result r = rewrite(STRIP_EXE, forward);
        assertEquals(forward.replace(EXE, NOTICE), r.message());
        assertEquals(List.of("setup.exe"), r.rewrite().stripped());
        assertEquals(List.of(), rewrite(new MessageRewriter(List.of("*.eml"), List.of(), n -> n + " was removed\n"),
                forward).rewrite().stripped());
    }

    /**
     * A forwarded message that is nothing but the attachment becomes the notice under its own
     * header fields, which stay octet for octet, UTF-8 (RFC 6532) included.
     */
    @Test
    void aForwardedMessageThatIsTheAttachmentBecomesTheNoticeUnderItsOwnHeaderFields() throws Exception {
        String innerHead = "From: carol@example.net\r\nSubject: Gr\u00c3\u00bc\u00c3\u009fe\r\nMIME-Version: 1.0\r\n";
        String forward = HEAD + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n" + TEXT
                + "--b1\r\nContent-Type: message/rfc822\r\n\r\n" + innerHead + EXE + "--b1--\r\n";
        Result r = rewrite(STRIP_EXE, forward);
        assertEquals(forward.replace(EXE, NOTICE), r.message());
        assertEquals(List.of("setup.exe"), r.rewrite().stripped());
    }

    /** The walk keeps to the analysis's limits: a message past them is not rewritten (nor analysed completely). */
    @Test
    void aMessageNestedDeeperThanTheLimitIsNotRewritten() {
        String inner = "Content-Type: multipart/mixed; boundary=in\r\n\r\n--in\r\n" + EXE + "--in--\r\n";
        String message = HEAD + "Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\n" + inner + "--out--\r\n";
        MessageRewriter shallow = new MessageRewriter(List.of("*.exe"), List.of(), n -> "x", new ScanLimits(1, 10, 1000, 10, 100));
        IOException e = assertThrows(IOException.class, () -> rewrite(shallow, message));
        assertEquals("cannot parse the message for rewriting: nested deeper than 1 levels", e.getMessage());
    }

    /** Text that names no charset is read as UTF-8, as the analysis reads it, and says so once it is not ASCII. */
    @Test
    void textThatNamesNoCharsetIsReadAsUtf8AndThenNamesIt() throws Exception {
        String message = HEAD + "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\u00c3\u00bc\u00c3\u009fe\r\n";
        assertEquals(HEAD + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Gr\u00c3\u00bc\u00c3\u009fe\r\n\r\nExample Corp.\r\n", rewrite(disclaimer("Example Corp."), message).message());
    }

    @Test
    void aBareExtensionIsAGlobToo() throws Exception {
        MessageRewriter pdf = new MessageRewriter(List.of("pdf"), List.of(), name -> "gone\r\n");
        assertEquals(List.of("q3.pdf"), rewrite(pdf, MIXED).rewrite().stripped());
    }

    @Test
    void theDisclaimerGoesUnderThePlainTextBodyOnly() throws Exception {
        Result r = rewrite(disclaimer("--\nExample Corp."), MIXED);
        assertEquals(MIXED.replace(TEXT, "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "The numbers are attached.\r\n\r\n--\r\nExample Corp.\r\n"), r.message());
        assertEquals(1, r.rewrite().disclaimed());
    }

    @Test
    void aSinglePartMessageKeepsItsHeaderFieldsAndGetsTheDisclaimerAtTheEnd() throws Exception {
        String message = HEAD + "Content-Type: text/plain\r\n\r\nHello.\r\n";
        assertEquals(HEAD + "Content-Type: text/plain\r\n\r\nHello.\r\n\r\nExample Corp.\r\n",
                rewrite(disclaimer("Example Corp."), message).message());
    }

    @Test
    void aCharsetThatCanSayTheDisclaimerIsKeptAndSevenBitBecomesQuotedPrintable() throws Exception {
        String message = HEAD + "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\nBonjour.\r\n";
        assertEquals(HEAD + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                + "\r\nBonjour.\r\n\r\nSoci=E9t=E9 Exemple.\r\n", rewrite(disclaimer("Société Exemple."), message).message());
    }

    @Test
    void aCharsetThatCannotSayTheDisclaimerBecomesUtf8() throws Exception {
        String message = HEAD + "Content-Type: text/plain; charset=us-ascii; format=flowed\r\n\r\nHi.\r\n";
        assertEquals(HEAD + "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nHi.\r\n\r\nSoci=C3=A9t=C3=A9\r\n",
                rewrite(disclaimer("Société"), message).message());
    }

    @Test
    void aBase64BodyStaysBase64() throws Exception {
        String body = Base64.getMimeEncoder().encodeToString("Grüße aus Köln.\r\n".getBytes(StandardCharsets.UTF_8));
        String message = HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + body + "\r\n";
        Result r = rewrite(disclaimer("Ende."), message);
        String expectedBody = Base64.getMimeEncoder().encodeToString("Grüße aus Köln.\r\n\r\nEnde.\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + expectedBody + "\r\n", r.message());
        assertEquals("Grüße aus Köln.\r\n\r\nEnde.\r\n", parse(r.message()).getContent());
    }

    @Test
    void everyAlternativeGetsTheDisclaimerTheHtmlOneEscapedBeforeTheEndOfItsBody() throws Exception {
        String plain = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHi Bob\r\n";
        String html = "Content-Type: text/html; charset=us-ascii\r\n\r\n<html><body><p>Hi Bob</p></body></html>\r\n";
        String message = HEAD + "Content-Type: multipart/alternative; boundary=alt\r\n\r\n--alt\r\n" + plain
                + "--alt\r\n" + html + "--alt--\r\n";
        Result r = rewrite(disclaimer("A & B <legal>"), message);
        assertEquals(HEAD + "Content-Type: multipart/alternative; boundary=alt\r\n\r\n--alt\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nHi Bob\r\n\r\nA & B <legal>\r\n--alt\r\n"
                + "Content-Type: text/html; charset=us-ascii\r\n\r\n<html><body><p>Hi Bob</p><p>A &amp; B &lt;legal&gt;"
                + "</p>\r\n</body></html>\r\n--alt--\r\n", r.message());
        assertEquals(2, r.rewrite().disclaimed());
    }

    @Test
    void signedOrEncryptedPartsAreLeftAsTheyAreAndReported() throws Exception {
        String signed = HEAD + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                + "micalg=sha-256; boundary=\"s1\"\r\n\r\n--s1\r\n" + TEXT
                + "--s1\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEF\r\n--s1--\r\n";
        Result r = rewrite(new MessageRewriter(List.of("*"), List.of("Example Corp."), n -> "x"), signed);
        assertEquals(signed, r.message());
        assertEquals(new MessageRewriter.Rewrite(List.of(), 0, List.of("multipart/signed")), r.rewrite());
        assertFalse(r.rewrite().changed());

        String encrypted = HEAD + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQAxggFY\r\n";
        assertEquals(encrypted, rewrite(new MessageRewriter(List.of("*"), List.of("x"), n -> "x"), encrypted).message());
    }

    @Test
    void aMessageThatIsItselfTheAttachmentBecomesTheNoticeUnderItsOwnHeaderFields() throws Exception {
        String message = HEAD + "Content-Type: application/octet-stream; name=run.exe\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=run.exe\r\n\r\nTVqQAAMAAAAEAAAA\r\n";
        assertEquals(HEAD + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n"
                + "Content-Disposition: inline\r\n\r\nrun.exe was removed\r\n", rewrite(STRIP_EXE, message).message());
    }

    @Test
    void nothingToDoMeansTheSameOctets() throws Exception {
        Result r = rewrite(new MessageRewriter(List.of("*.bat"), List.of(), n -> "x"), MIXED);
        assertEquals(MIXED, r.message());
        assertFalse(r.rewrite().changed());
    }

    @Test
    void nestedMultipartsAreRewrittenInPlace() throws Exception {
        String inner = "Content-Type: multipart/mixed; boundary=in\r\n\r\n--in\r\n" + EXE + "--in--\r\n";
        String message = HEAD + "Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\n" + TEXT + "--out\r\n"
                + inner + "--out--\r\n";
        assertEquals(message.replace(EXE, NOTICE), rewrite(STRIP_EXE, message).message());
    }

    @Test
    void aMissingEndBoundaryIsToleratedAndEverythingAfterTheChangeIsKept() throws Exception {
        String broken = HEAD + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\n" + TEXT + "--b1\r\n" + EXE;
        Result r = rewrite(STRIP_EXE, broken);
        assertEquals(List.of("setup.exe"), r.rewrite().stripped());
        MimeMultipart parts = (MimeMultipart) parse(r.message()).getContent();
        BodyPart notice = parts.getBodyPart(1);
        assertEquals("setup.exe was removed", notice.getContent());
    }

    @Test
    void aLineThatWouldBeTooLongForSevenBitMakesThePartQuotedPrintable() throws Exception {
        String message = HEAD + "Content-Type: text/plain\r\n\r\nHi.\r\n";
        Result r = rewrite(disclaimer("x".repeat(1200)), message);
        assertEquals("quoted-printable", parse(r.message()).getEncoding());
        assertEquals("Hi.\r\n\r\n" + "x".repeat(1200) + "\r\n", parse(r.message()).getContent());
        assertFalse(r.message().lines().anyMatch(l -> l.length() > 998));
    }
}
