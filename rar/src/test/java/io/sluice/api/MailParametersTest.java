package io.sluice.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The typed MAIL parameters and their keyword-to-value text (what the quarantine stores, what logs show). */
class MailParametersTest {

    @Test
    void everyParameterSurvivesTheWayToTextAndBack() {
        MailParameters all = MailParameters.NONE.withSize(1234).withBody(MailParameters.Body.BINARY_MIME)
                .withSmtpUtf8().withRet(MailParameters.Ret.HDRS).withEnvelopeId("QQ+2B314159").withRequireTls();
        Map<String, String> text = new LinkedHashMap<>();
        text.put("SIZE", "1234");
        text.put("BODY", "BINARYMIME");
        text.put("SMTPUTF8", null);
        text.put("RET", "HDRS");
        text.put("ENVID", "QQ+2B314159");
        text.put("REQUIRETLS", null);
        assertEquals(text, all.asMap());
        assertEquals(all, MailParameters.fromMap(text));
        assertEquals(MailParameters.NONE, MailParameters.fromMap(Map.of()));
        assertEquals(MailParameters.NONE.withBody(MailParameters.Body.EIGHT_BIT_MIME),
                MailParameters.fromMap(Map.of("body", "8bitmime")));
    }

    @Test
    void whatNoExtensionDefinesIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> MailParameters.fromMap(Map.of("X-ONE", "1")));
        assertThrows(IllegalArgumentException.class, () -> MailParameters.fromMap(Map.of("BODY", "9BIT")));
    }
}
