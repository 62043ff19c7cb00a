package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each connection limit, set through the admin API, triggers at exactly its configured number. */
class ConnectionLimitsIT extends GatewayTest {

    private static final String GREETING = "220 " + Gateway.HOST + " ESMTP Sluice";
    private final Api admin = Api.admin();

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    /** Sets some of the connection limits, keeping the others. */
    private void limits(String changes) {
        JsonObject s = admin.get("/api/v1/settings").json();
        String current = s.getJsonObject("connections").toString();
        String changed = current;
        for (String change : changes.split(",")) {
            String key = change.substring(0, change.indexOf(':'));
            changed = changed.replaceFirst("\"" + key + "\":\\d+", "\"" + key + "\":" + change.substring(key.length() + 1));
        }
        admin.expect(200, admin.put("/api/v1/settings", s.toString().replace(current, changed)));
    }

    @Test
    void concurrentConnectionsPerAddressAndInAll() throws Exception {
        limits("maxPerAddress:2");
        List<Conversation> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Conversation c = new Conversation(Gateway.SMTP_PORT);
                open.add(c);
                c.expect(GREETING);
            }
            try (Conversation third = new Conversation(Gateway.SMTP_PORT)) {
                third.expect("421 4.7.0 " + Gateway.HOST + " Error: too many connections from 127.0.0.1; try again later");
                third.expectClosed();
            }
            limits("maxPerAddress:0,maxTotal:2");
            try (Conversation third = new Conversation(Gateway.SMTP_PORT)) {
                third.expect("421 4.7.0 " + Gateway.HOST + " Error: too many connections; try again later");
            }
        } finally {
            for (Conversation c : open) {
                c.close();
            }
        }
    }

    @Test
    void newConnectionsPerInterval() throws Exception {
        limits("connectionsPerInterval:3");
        for (int i = 0; i < 3; i++) {
            try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
                c.expect(GREETING);
                c.exchange("QUIT", "221 2.0.0 Bye");
            }
        }
        try (Conversation fourth = new Conversation(Gateway.SMTP_PORT)) {
            fourth.expect("421 4.7.0 " + Gateway.HOST + " Error: too many connections from 127.0.0.1 in 60 s; try again later");
        }
    }

    @Test
    void messagesAndRecipientsPerInterval() throws Exception {
        limits("messagesPerInterval:2");
        try (Conversation c = Gateway.ehlo()) {
            for (int i = 0; i < 2; i++) {
                c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
                c.exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
                c.exchange("RSET", "250 2.0.0 Ok");
            }
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<bob@example.com>", "450 4.7.1 Error: too many messages from 127.0.0.1; try again later");
        }
        limits("messagesPerInterval:0,recipientsPerInterval:3"); // a change starts the counts afresh
        try (Conversation c = Gateway.ehlo()) {
            c.exchange("MAIL FROM:<ann@example.org>", "250 2.1.0 Ok");
            for (String r : List.of("bob", "carol", "dave")) {
                c.exchange("RCPT TO:<" + r + "@example.com>", "250 2.1.5 Ok");
            }
            c.exchange("RCPT TO:<erin@example.com>", "452 4.5.3 Error: too many recipients from 127.0.0.1; try again later");
        }
    }

    @Test
    void theErrorLimitAndEarlyTalkers() throws Exception {
        limits("maxErrors:3,errorDelayMillis:100,greetPauseMillis:400");
        try (Conversation c = new Conversation(Gateway.SMTP_PORT)) {
            c.expect(GREETING);
            c.exchange("BOGUS", "500 5.5.2 Error: command not recognized");
            c.exchange("NOOP", "250 2.0.0 Ok");
            c.exchange("BOGUS", "500 5.5.2 Error: command not recognized");
            c.send("BOGUS");
            c.expect("500 5.5.2 Error: command not recognized");
            c.expect("421 4.7.0 " + Gateway.HOST + " Error: too many errors");
            c.expectClosed();
        }
        try (Conversation eager = new Conversation(Gateway.SMTP_PORT)) {
            eager.send("EHLO eager.example");
            eager.expect("554 5.5.1 Error: SMTP protocol synchronization: talking before the greeting");
            eager.expectClosed();
        }
        TlsIT.Run swaks = TlsIT.run(List.of("swaks", "--server", "127.0.0.1:" + Gateway.SMTP_PORT, "--quit-after",
                "EHLO"), "");
        assertTrue(swaks.exit() == 0, swaks.output()); // a client that waits for the greeting is served
    }
}
