package io.sluice.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests: content crafted to make regular expressions backtrack is answered as fast as
 * any other message, and an administrator's expression that cannot run in linear time is refused.
 */
class HostileContentIT extends GatewayTest {

    /** Far more than the few milliseconds these take; before, a 200-capital subject took 18 s. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aSubjectOfCapitalsIsAnsweredAtOnce() {
        String reply = assertTimeoutPreemptively(BOUND, () -> Gateway.send("a@example.org", "bob@example.com",
                "Subject: " + "A".repeat(900) + "a\r\n\r\nhello\r\n"));
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }

    @Test
    void markupOfStrayBracketsIsAnsweredAtOnce() {
        String body = ("<".repeat(990) + "\r\n").repeat(40) + ("<!--<script>".repeat(80) + "\r\n").repeat(20);
        String reply = assertTimeoutPreemptively(BOUND, () -> Gateway.send("a@example.org", "bob@example.com",
                "Subject: html\r\nContent-Type: text/html\r\n\r\n" + body));
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }

    @Test
    void aLookAheadInAFilterIsRefusedNamingTheField() {
        Api.Result r = Api.admin().post("/api/v1/policies", "{\"name\":\"look-ahead\",\"direction\":\"BOTH\","
                + "\"rules\":[{\"filter\":{\"type\":\"SUBJECT\",\"regex\":true,\"pattern\":\"free(?=money)\"},"
                + "\"actions\":[{\"type\":\"TAG_SUBJECT\",\"text\":\"[x]\"}]}]}");
        assertEquals(400, r.status(), r.body());
        assertEquals("{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"rules[0].filter.pattern\",\"message\":"
                + "\"is not a valid regular expression: invalid or unsupported Perl syntax `(?=` (look-around and "
                + "back-references cannot run in linear time)\"}]}", r.body());
    }

    /**
     * The expression engine would loop for ever compiling these (a case-insensitive class over
     * U+1C80..U+1C88); each is refused naming its field, and the API keeps answering.
     */
    @Test
    void aCaseInsensitivePatternTheEngineCannotFoldIsRefusedNamingTheField() {
        String invalid = "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"rules[0].filter.pattern\",\"message\":"
                + "\"is not a valid regular expression: cannot be matched ignoring case: it contains U+1C80 (CYRILLIC SMALL "
                + "LETTER ROUNDED VE), which the regular expression engine cannot fold; match case for it or leave it out\"}]}";
        for (String filter : List.of(
                "{\"type\":\"SUBJECT\",\"regex\":true,\"caseInsensitive\":true,\"pattern\":\"[A-\\\\x{ffff}]\"}",
                "{\"type\":\"HEADER\",\"header\":\"X-A\",\"pattern\":\"(?i)\\u1c80\"}",
                "{\"type\":\"ATTACHMENT_NAME\",\"pattern\":\"*\\u1c80.exe\"}")) {
            Api.Result r = assertTimeoutPreemptively(BOUND, () -> Api.admin().post("/api/v1/policies",
                    "{\"name\":\"fold\",\"direction\":\"BOTH\",\"rules\":[{\"filter\":" + filter
                            + ",\"actions\":[{\"type\":\"TAG_SUBJECT\",\"text\":\"[x]\"}]}]}"));
            assertEquals(400, r.status(), r.body());
            assertEquals(invalid, r.body(), filter);
        }
    }
}
