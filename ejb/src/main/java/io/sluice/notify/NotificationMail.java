package io.sluice.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/**
 * A notification as an RFC 5322 message: from MAILER-DAEMON of the gateway, marked
 * {@code Auto-Submitted: auto-generated} (RFC 3834) so that well-behaved software never answers it.
 */
final class NotificationMail {

    private static final Session SESSION = Session.getInstance(new Properties());

    private NotificationMail() {
    }

    /** The message octets, CRLF line ends; values in the subject are kept on one line. */
    static byte[] build(String hostname, String to, String subject, String body) {
        try {
            MimeMessage m = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + hostname + ">");
                }
            };
            m.setFrom(new InternetAddress("MAILER-DAEMON@" + hostname, "Mail Delivery System", "UTF-8"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            m.setSubject(subject.replaceAll("[\\r\\n\\t]+", " ").strip(), "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("Auto-Submitted", "auto-generated");
            m.setText(body.replaceAll("\\r?\\n|\\r", "\r\n"), "UTF-8");
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 1024);
            m.writeTo(out);
            byte[] bytes = out.toByteArray();
            return endsWithCrlf(bytes) ? bytes : concat(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot compose a notification to " + to + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithCrlf(byte[] b) {
        return b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n';
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
