package io.sluice.smtp;

import io.sluice.ra.inbound.ServerKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every verb in every session state, on the wire: the first reply line it gets (STARTTLS and AUTH
 * enabled, AUTH in plain text allowed). The golden replies are what the engine answered before the
 * command table existed; a command in the wrong state, or malformed, must keep getting exactly these.
 */
class CommandOrderTest {

    private static Path dir;
    private static SSLContext tls;
    private static final String HELP =
            "214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH BDAT";

    @BeforeAll
    static void keys() throws Exception {
        dir = Files.createTempDirectory("order");
        tls = ServerKeys.context(dir.resolve("tls.p12"), "changeit".toCharArray(), TestServer.HOST, true);
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A connection standing in {@code state}: greeted by EHLO, with a transaction and a recipient as needed. */
    private static Conversation in(TestServer s, SessionState state) throws IOException {
        Conversation c = s.connect();
        c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
        if (state != SessionState.CONNECTED) {
            c.ehlo();
        }
        if (state == SessionState.MAIL || state == SessionState.RCPT) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
        }
        if (state == SessionState.RCPT) {
            c.exchange("RCPT TO:<b@example.org>", "250 2.1.5 Ok");
        }
        return c;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CONNECTED | EHLO client.example        | 250-mx.test.example
            CONNECTED | HELO client.example        | 250 mx.test.example
            CONNECTED | MAIL FROM:<a@example.org>  | 503 5.5.1 Error: send HELO/EHLO first
            CONNECTED | RCPT TO:<b@example.org>    | 503 5.5.1 Error: need MAIL command
            CONNECTED | DATA                       | 503 5.5.1 Error: need RCPT command
            CONNECTED | RSET                       | 250 2.0.0 Ok
            CONNECTED | NOOP                       | 250 2.0.0 Ok
            CONNECTED | QUIT                       | 221 2.0.0 Bye
            CONNECTED | VRFY b@example.org         | 252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery
            CONNECTED | EXPN list                  | 502 5.5.1 Error: command not implemented
            CONNECTED | STARTTLS                   | 503 5.5.1 Error: send HELO/EHLO first
            CONNECTED | AUTH CRAM-MD5              | 503 5.5.1 Error: send HELO/EHLO first
            CONNECTED | BDAT 3{CRLF}abc            | 503 5.5.1 Error: need MAIL command
            CONNECTED | DATA now                   | 501 5.5.4 Syntax: DATA
            CONNECTED | STARTTLS now               | 501 5.5.4 Syntax: STARTTLS
            CONNECTED | QUIT now                   | 501 5.5.4 Syntax: QUIT
            CONNECTED | RSET now                   | 501 5.5.4 Syntax: RSET
            CONNECTED | EHLO                       | 501 5.5.4 Syntax: EHLO hostname
            CONNECTED | HELO                       | 501 5.5.4 Syntax: HELO hostname
            CONNECTED | VRFY                       | 501 5.5.4 Syntax: VRFY address
            CONNECTED | AUTH                       | 503 5.5.1 Error: send HELO/EHLO first
            CONNECTED | BDAT x                     | 501 5.5.4 Syntax: BDAT chunk-size [LAST]
            CONNECTED | MAIL FROM:junk             | 503 5.5.1 Error: send HELO/EHLO first
            CONNECTED | XYZZY                      | 500 5.5.2 Error: command not recognized
            GREETED   | EHLO client.example        | 250-mx.test.example
            GREETED   | HELO client.example        | 250 mx.test.example
            GREETED   | MAIL FROM:<a@example.org>  | 250 2.1.0 Ok
            GREETED   | RCPT TO:<b@example.org>    | 503 5.5.1 Error: need MAIL command
            GREETED   | DATA                       | 503 5.5.1 Error: need RCPT command
            GREETED   | RSET                       | 250 2.0.0 Ok
            GREETED   | NOOP anything              | 250 2.0.0 Ok
            GREETED   | QUIT                       | 221 2.0.0 Bye
            GREETED   | VRFY b@example.org         | 252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery
            GREETED   | EXPN list                  | 502 5.5.1 Error: command not implemented
            GREETED   | HELP                       | %s
            GREETED   | STARTTLS                   | 220 2.0.0 Ready to start TLS
            GREETED   | AUTH CRAM-MD5              | 504 5.5.4 Error: unrecognized authentication type
            GREETED   | AUTH                       | 504 5.5.4 Error: unrecognized authentication type
            GREETED   | BDAT 3{CRLF}abc            | 503 5.5.1 Error: need MAIL command
            GREETED   | BDAT 3 MORE                | 501 5.5.4 Syntax: BDAT chunk-size [LAST]
            GREETED   | MAIL FROM:a@example.org    | 501 5.5.4 Syntax: MAIL FROM:<address>
            GREETED   | MAIL FROM:<a@example.org> SIZE=x     | 501 5.5.4 Error: SIZE needs a number of octets
            GREETED   | MAIL FROM:<a@example.org> BODY=BINARYMIME | 501 5.5.4 Error: BODY must be 7BIT or 8BITMIME
            GREETED   | MAIL FROM:<a@example.org> SMTPUTF8   | 555 5.5.4 Error: unsupported parameter SMTPUTF8
            GREETED   | MAIL FROM:<a@example.org> REQUIRETLS | 555 5.5.4 Error: unsupported parameter REQUIRETLS
            GREETED   | MAIL FROM:<a@example.org> X-ONE=1    | 555 5.5.4 Error: unsupported parameter X-ONE
            GREETED   | RCPT TO:junk               | 503 5.5.1 Error: need MAIL command
            MAIL      | EHLO client.example        | 250-mx.test.example
            MAIL      | HELO client.example        | 250 mx.test.example
            MAIL      | MAIL FROM:<a@example.org>  | 503 5.5.1 Error: nested MAIL command
            MAIL      | MAIL FROM:junk             | 503 5.5.1 Error: nested MAIL command
            MAIL      | RCPT TO:<b@example.org>    | 250 2.1.5 Ok
            MAIL      | RCPT TO:b@example.org      | 501 5.5.4 Syntax: RCPT TO:<address>
            MAIL      | RCPT TO:<b@example.org> NOTIFY=SOMETIMES | 501 5.5.4 Error: NOTIFY needs NEVER or SUCCESS, FAILURE, DELAY
            MAIL      | DATA                       | 554 5.5.1 Error: no valid recipients
            MAIL      | DATA now                   | 501 5.5.4 Syntax: DATA
            MAIL      | RSET                       | 250 2.0.0 Ok
            MAIL      | NOOP                       | 250 2.0.0 Ok
            MAIL      | QUIT                       | 221 2.0.0 Bye
            MAIL      | VRFY b@example.org         | 252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery
            MAIL      | EXPN list                  | 502 5.5.1 Error: command not implemented
            MAIL      | STARTTLS                   | 220 2.0.0 Ready to start TLS
            MAIL      | AUTH CRAM-MD5              | 503 5.5.1 Error: AUTH not allowed during a mail transaction
            MAIL      | BDAT 3{CRLF}abc            | 554 5.5.1 Error: no valid recipients
            RCPT      | EHLO client.example        | 250-mx.test.example
            RCPT      | MAIL FROM:<a@example.org>  | 503 5.5.1 Error: nested MAIL command
            RCPT      | RCPT TO:<c@example.org>    | 250 2.1.5 Ok
            RCPT      | DATA                       | 354 End data with <CR><LF>.<CR><LF>
            RCPT      | DATA now                   | 501 5.5.4 Syntax: DATA
            RCPT      | RSET                       | 250 2.0.0 Ok
            RCPT      | QUIT                       | 221 2.0.0 Bye
            RCPT      | VRFY                       | 501 5.5.4 Syntax: VRFY address
            RCPT      | STARTTLS                   | 220 2.0.0 Ready to start TLS
            RCPT      | AUTH PLAIN                 | 503 5.5.1 Error: AUTH not allowed during a mail transaction
            RCPT      | BDAT 3{CRLF}abc            | 250 2.0.0 Ok: 3 octets received
            RCPT      | BDAT -1                    | 501 5.5.4 Syntax: BDAT chunk-size [LAST]
            """)
    void eachVerbInEachStateGetsItsReply(SessionState state, String command, String reply) throws Exception {
        try (TestServer s = new TestServer(b -> b.tls(TlsMode.OFFER, tls).auth(AuthMode.ALWAYS, Duration.ZERO, 3));
             Conversation c = in(s, state)) {
            c.sendRaw(command.replace("{CRLF}", "\r\n") + "\r\n");
            assertEquals(reply.equals("%s") ? HELP : reply, c.readLine());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CONNECTED | AUTH PLAIN                 | 503 5.5.1 Error: send HELO/EHLO first
            GREETED   | AUTH PLAIN                 | 538 5.7.11 Encryption required for requested authentication mechanism
            GREETED   | MAIL FROM:<a@example.org>  | 530 5.7.0 Must issue a STARTTLS command first
            """)
    void tlsRequiredForMailAndAuthIsCheckedAfterTheState(SessionState state, String command, String reply)
            throws Exception {
        try (TestServer s = new TestServer(b -> b.tls(TlsMode.REQUIRE, tls).auth(AuthMode.TLS, Duration.ZERO, 3));
             Conversation c = s.connect()) {
            c.expect("220 " + TestServer.HOST + " ESMTP Sluice");
            if (state != SessionState.CONNECTED) {
                c.ehlo();
            }
            c.exchange(command, reply);
        }
    }
}
