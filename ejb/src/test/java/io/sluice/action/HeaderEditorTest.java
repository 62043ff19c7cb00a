package io.sluice.action;

import io.sluice.mime.EncodedWords;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeaderEditorTest {

    private static InternetHeaders headers(String raw) throws MessagingException {
        return new InternetHeaders(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), true);
    }

    private static List<String> lines(InternetHeaders h) {
        return Collections.list(h.getAllHeaderLines());
    }

    private static ActionSpec tag(String text) {
        return new ActionSpec(ActionType.TAG_SUBJECT, null, null, text, null, null, null, null, null);
    }

    @Test
    void untouchedFieldsStayExactlyAsTheyWere() throws MessagingException {
        InternetHeaders h = headers("From: a@example.org\r\nX-Folded: one\r\n two\r\nSubject: hi\r\n\r\n");
        HeaderEditor.apply(h, List.of(tag("[SPAM] ")));
        assertEquals(List.of("From: a@example.org", "X-Folded: one\r\n two", "Subject: [SPAM] hi"), lines(h));
    }

    @Test
    void anEncodedSubjectIsDecodedTaggedAndEncodedAgain() throws MessagingException {
        InternetHeaders h = headers("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n\r\n");
        HeaderEditor.apply(h, List.of(tag("[SPAM] ")));
        assertEquals("[SPAM] Grüße", EncodedWords.decode(h.getHeader("Subject", null)));
    }

    @Test
    void aSubjectIsNotTaggedTwiceAndAMissingOneIsCreated() throws MessagingException {
        InternetHeaders h = headers("Subject: [SPAM] hi\r\n\r\n");
        HeaderEditor.apply(h, List.of(tag("[SPAM] ")));
        assertEquals("[SPAM] hi", h.getHeader("Subject", null));
        InternetHeaders none = headers("From: a@example.org\r\n\r\n");
        HeaderEditor.apply(none, List.of(tag("[SPAM]")));
        assertEquals("[SPAM]", none.getHeader("Subject", null));
    }

    @Test
    void addAndRemove() throws MessagingException {
        InternetHeaders h = headers("From: a@example.org\r\nX-Old: 1\r\nX-Old: 2\r\nSubject: s\r\n\r\n");
        HeaderEditor.apply(h, List.of(
                new ActionSpec(ActionType.REMOVE_HEADER, null, null, null, "x-old", null, null, null, null),
                new ActionSpec(ActionType.ADD_HEADER, null, null, null, "X-Policy", "Executives", null, null, null)));
        assertEquals(List.of("From: a@example.org", "Subject: s", "X-Policy: Executives"), lines(h));
    }
}
