package io.sluice.smtp;

import io.sluice.api.Recipient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DSN (RFC 3461): the parameters are checked for form and kept for the relay. */
class DsnTest {

    @Test
    void wellFormedParametersAreKeptAndTheRestRefused() throws Exception {
        try (TestServer s = new TestServer(); Conversation c = s.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org> RET=FOO", "501 5.5.4 Error: RET must be FULL or HDRS");
            c.exchange("MAIL FROM:<a@example.org> ENVID=a+", "501 5.5.4 Error: ENVID must be xtext of at most 100 characters");
            c.exchange("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ+2B314159", "250 2.1.0 Ok");
            c.exchange("RCPT TO:<b@example.org> NOTIFY=NEVER,SUCCESS",
                    "501 5.5.4 Error: NOTIFY needs NEVER or SUCCESS, FAILURE, DELAY");
            c.exchange("RCPT TO:<b@example.org> ORCPT=nosemicolon", "501 5.5.4 Error: ORCPT must be addr-type;xtext");
            c.exchange("RCPT TO:<b@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.org", "250 2.1.5 Ok");
            c.exchange("RCPT TO:<c@example.org> NOTIFY=NEVER", "250 2.1.5 Ok");
            var tx = s.listener.recipientTransactions.get(1);
            assertEquals(Map.of("RET", "HDRS", "ENVID", "QQ+2B314159"), tx.mailParameters());
            assertEquals(List.of(new Recipient("b@example.org", Map.of("NOTIFY", "SUCCESS,FAILURE",
                    "ORCPT", "rfc822;b@example.org"))), tx.recipients());
        }
    }
}
