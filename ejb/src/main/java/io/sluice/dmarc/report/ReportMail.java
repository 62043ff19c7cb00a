package io.sluice.dmarc.report;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

/**
 * An aggregate report as mail (RFC 7489 §7.2.1.1): the subject
 * {@code Report Domain: example.org Submitter: gateway.example Report-ID: <id>}, a short text,
 * and the gzip-compressed XML attached as {@code receiver!domain!begin!end.xml.gz}.
 */
final class ReportMail {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportMail() {
    }

    /**
     * @param from      the report sender's address
     * @param submitter the reporting domain (the sender address's domain)
     * @param to        the destination
     * @param sent      when it is sent (the Date field)
     */
    static byte[] build(AggregateReport report, String from, String submitter, String to, Instant sent) {
        try {
            MimeMessage m = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + report.reportId() + ">");
                }
            };
            m.setFrom(new InternetAddress(from, report.organisation(), "UTF-8"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            m.setSubject(subject(report, submitter), "UTF-8");
            m.setSentDate(Date.from(sent));
            m.setHeader("Auto-Submitted", "auto-generated");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("This is a DMARC aggregate report for " + report.domain() + " from " + report.organisation()
                    + ",\r\ncovering " + WHEN.format(report.begin()) + " to " + WHEN.format(report.end()) + ".\r\n", "UTF-8");
            MimeBodyPart xml = new MimeBodyPart();
            xml.setDataHandler(new DataHandler(new ByteArrayDataSource(report.gzip(), "application/gzip")));
            xml.setFileName(report.fileName(submitter));
            xml.setDisposition(MimeBodyPart.ATTACHMENT);
            xml.setHeader("Content-Transfer-Encoding", "base64");
            m.setContent(new MimeMultipart(text, xml));
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot compose the DMARC report for " + report.domain() + " to " + to
                    + ": " + e.getMessage(), e);
        }
    }

    /** "Report Domain: example.org Submitter: gateway.example Report-ID: &lt;id&gt;" (§7.2.1.1; the id is a msg-id). */
    static String subject(AggregateReport report, String submitter) {
        return "Report Domain: " + report.domain() + " Submitter: " + submitter + " Report-ID: <" + report.reportId() + ">";
    }

}
