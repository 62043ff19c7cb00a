package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages reach the downstream byte for byte, behind exactly two header fields the gateway adds. */
class RelayIT extends GatewayTest {

    @Test
    void aJakartaMailMessageArrivesUnchanged() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(Gateway.SMTP_PORT));
        props.put("mail.smtp.localhost", "client.example");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("Grüße aus Köln", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hallo Bob,\r\n.\r\n.. a line of dots\r\n\r\nschöne Grüße\r\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        byte[] binary = new byte[10_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(binary, "application/octet-stream")));
        attachment.setFileName("data.bin");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();

        String reply;
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            reply = transport.getLastServerResponse().trim();
        }
        assertTrue(reply.matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16} \\(downstream: 250 2\\.0\\.0 Ok: queued as D1\\)"),
                reply);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        message.writeTo(sent);

        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TestDownstream.Delivery d = downstream.deliveries.get(0);
        assertEquals("alice@example.org", d.sender());
        assertEquals(List.of("bob@example.com"), d.recipients());
        TraceHeader trace = TraceHeader.split(d.content());
        trace.assertReceived("client.example", Gateway.queueId(reply), "bob@example.com");
        assertEquals("X-Sluice-Version: " + Gateway.VERSION + "\r\n", trace.version());
        assertArrayEquals(sent.toByteArray(), trace.rest());
    }

    @Test
    void rawContentWithDotsEightBitOctetsAndLongLinesArrivesUnchanged() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("From: a@example.org\r\nSubject: raw\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(".\r\n..\r\n.leading\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 128; i < 256; i++) {
            content.write(i);
        }
        content.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(("L".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] expected = content.toByteArray();

        String reply;
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.greetAndEhlo(Gateway.HOST)
                    .exchange("MAIL FROM:<a@example.org> BODY=8BITMIME", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>");
            // what a client sends: the content with every line that starts with "." doubled
            String wire = new String(expected, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");
            c.sendRaw(wire).sendRaw(".\r\n");
            reply = c.readLine();
        }
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TraceHeader trace = TraceHeader.split(downstream.deliveries.get(0).content());
        trace.assertReceived("client.example", Gateway.queueId(reply), "b@example.org");
        assertArrayEquals(expected, trace.rest());
        assertTrue(downstream.commands.stream().anyMatch(l -> l.endsWith("MAIL FROM:<a@example.org> SIZE="
                + downstream.deliveries.get(0).content().length + " BODY=8BITMIME")), downstream.commands.toString());
    }

    @Test
    void aFiveMegabyteMessageIsSpooledAndArrivesIntact() throws IOException {
        StringBuilder content = new StringBuilder("Subject: big\r\n\r\n");
        String line = "0123456789".repeat(7) + "\r\n";
        while (content.length() < 5 * 1024 * 1024) {
            content.append(content.length()).append(' ').append(line);
        }
        String reply = Gateway.send("a@example.org", "b@example.org", content.toString());
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertEquals(content.toString(), new String(TraceHeader.split(downstream.deliveries.get(0).content()).rest(),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void severalRecipientsGetOneCopyAndNoForClause() throws IOException {
        String reply;
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok")
                    .exchange("RCPT TO:<c@example.org>", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: two\r\n\r\nhi\r\n.\r\n");
            reply = c.readLine();
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        TestDownstream.Delivery d = downstream.deliveries.get(0);
        assertEquals(List.of("b@example.org", "c@example.org"), d.recipients());
        String received = TraceHeader.split(d.content()).received();
        assertTrue(received.startsWith("Received: from client.example ([127.0.0.1])\r\n\tby gateway.test (Sluice) with"
                + " ESMTP id " + Gateway.queueId(reply) + "; "), received);
    }

    @Test
    void aChunkedMessageReachesADownstreamWithoutChunkingThroughDataByteForByte() throws IOException {
        byte[] expected = ("From: a@example.org\r\nSubject: chunks\r\n\r\n.starts with a dot\r\n.\r\n"
                + "\u00e9t\u00e9 in eight bits\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String reply;
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.greetAndEhlo(Gateway.HOST)
                    .exchange("MAIL FROM:<a@example.org> BODY=8BITMIME", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.sendRaw("BDAT 30\r\n").sendBytes(java.util.Arrays.copyOf(expected, 30))
                    .expect("250 2.0.0 Ok: 30 octets received");
            c.sendRaw("BDAT " + (expected.length - 30) + " LAST\r\n")
                    .sendBytes(java.util.Arrays.copyOfRange(expected, 30, expected.length));
            reply = c.readLine();
        }
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertArrayEquals(expected, TraceHeader.split(downstream.deliveries.get(0).content()).rest());
        // the test downstream offers no CHUNKING: the gateway used DATA (dot-stuffed, as the downstream unstuffed)
        assertTrue(downstream.commands.stream().anyMatch(l -> l.endsWith(": DATA")), downstream.commands.toString());
    }

    @Test
    void dsnParametersReachAMailServerThatOffersDsn() throws IOException {
        downstream.extensions = List.of("DSN");
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.greetAndEhlo(Gateway.HOST)
                    .exchange("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ314159", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;b@example.org", "250 2.1.5 Ok")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .sendRaw("Subject: dsn\r\n\r\nx\r\n.\r\n");
            assertTrue(c.readLine().startsWith("250 2.0.0 Ok: queued as "));
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        List<String> sent = downstream.commands.stream().map(l -> l.substring(l.indexOf(": ") + 2)).toList();
        assertTrue(sent.stream().anyMatch(l -> l.matches("MAIL FROM:<a@example\\.org> RET=HDRS ENVID=QQ314159 SIZE=\\d+")),
                sent.toString());
        assertTrue(sent.contains("RCPT TO:<b@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;b@example.org"), sent.toString());
    }

    @Test
    void smtpUtf8IsOfferedAndPassedOnOnlyWhenTheMailServerTakesIt() throws IOException {
        byte[] content = "From: δοκιμή@παράδειγμα.δοκιμή\r\nSubject: Grüße\r\n\r\nκείμενο\r\n"
                .getBytes(StandardCharsets.UTF_8);
        downstream.extensions = List.of("SMTPUTF8");
        // one message first: pooled sessions with the previous test's mail server are found dead and replaced
        assertTrue(Gateway.send("a@example.org", "b@example.org", "Subject: warm-up\r\n\r\nx\r\n").startsWith("250 "));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        downstream.deliveries.clear();
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.expect("220 " + Gateway.HOST + " ESMTP Sluice").send("EHLO client.example");
            List<String> ehlo = new java.util.ArrayList<>();
            String line;
            do {
                line = c.readLine();
                ehlo.add(line);
            } while (line.startsWith("250-"));
            assertTrue(ehlo.contains("250-SMTPUTF8"), ehlo.toString());
            c.sendBytes("MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή> SMTPUTF8\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            c.expect("250 2.1.0 Ok").expect("250 2.1.5 Ok").expect("354 End data with <CR><LF>.<CR><LF>");
            c.sendBytes(content).sendRaw(".\r\n");
            assertTrue(c.readLine().startsWith("250 2.0.0 Ok: queued as "));
        }
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        assertArrayEquals(content, TraceHeader.split(downstream.deliveries.get(0).content()).rest());
        assertEquals("δοκιμή@παράδειγμα.δοκιμή", downstream.deliveries.get(0).sender());
        assertTrue(downstream.commands.stream().anyMatch(l -> l.matches(".*: MAIL FROM:<δοκιμή@παράδειγμα\\.δοκιμή> "
                + "SIZE=\\d+ SMTPUTF8")), downstream.commands.toString());

        try (Conversation c = Gateway.ehlo()) { // a client that uses it without it being offered
            c.sendBytes("MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή>\r\n".getBytes(StandardCharsets.UTF_8));
            c.expect("553 5.6.7 Error: non-ASCII address without SMTPUTF8");
        }
    }

    @Test
    void aBinaryMessageGoesThroughWithBdatToAMailServerThatTakesIt() throws IOException {
        downstream.extensions = List.of("CHUNKING", "BINARYMIME");
        assertTrue(Gateway.send("a@example.org", "b@example.org", "Subject: warm-up\r\n\r\nx\r\n").startsWith("250 "));
        Gateway.await(() -> downstream.deliveries.size() == 1, Duration.ofSeconds(5));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        content.writeBytes("Content-Transfer-Encoding: binary\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 256; i++) {
            content.write(i);
        }
        byte[] expected = content.toByteArray();
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org> BODY=BINARYMIME", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
            c.sendRaw("BDAT " + expected.length + " LAST\r\n").sendBytes(expected);
            assertTrue(c.readLine().startsWith("250 2.0.0 Ok: queued as "));
        }
        Gateway.await(() -> downstream.deliveries.size() == 2, Duration.ofSeconds(5));
        assertArrayEquals(expected, TraceHeader.split(downstream.deliveries.get(1).content()).rest());
        assertTrue(downstream.commands.stream().anyMatch(l -> l.matches(".*: MAIL FROM:<a@example\\.org> SIZE=\\d+ "
                + "BODY=BINARYMIME")), downstream.commands.toString());
        assertTrue(downstream.commands.stream().anyMatch(l -> l.matches(".*: BDAT \\d+ LAST")), downstream.commands.toString());
    }
}
