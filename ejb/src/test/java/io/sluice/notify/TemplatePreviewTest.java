package io.sluice.notify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplatePreviewTest {

    @Test
    void everyPlaceholderANotificationKnowsIsFilledAndAnUnknownOneStays() {
        TemplateData preview = TemplatePreview.of(new TemplateData("virus-admin", 3L, "[${hostname}] ${virus} in ${queueId}",
                "From ${sender} to ${recipients}: \"${subject}\", ${reason}, score ${spamScore}, policy ${policy}, "
                        + "${action}. ${count} held. ${nosuch}"));
        assertEquals(new TemplateData("virus-admin", 3L, "[mail.example.com] Eicar-Signature in 06H2EXAMPLE00001",
                "From sender@example.net to bob@example.com: \"Invoice for November\", virus Eicar-Signature, score 7.2, "
                        + "policy Default, quarantined. 2 held. ${nosuch}"), preview);
    }

    @Test
    void theDigestListShowsTwoHeldMessages() {
        assertEquals("2026-11-30 08:00  06H2EXAMPLE00001  from sender@example.net  \"Invoice for November\"  "
                        + "(virus Eicar-Signature)\r\n2026-11-30 09:15  06H2EXAMPLE00002  from offers@example.org  "
                        + "\"You have won\"  (spam score 17.2)\r\n",
                TemplatePreview.of(new TemplateData("digest", null, "s", "${list}")).body());
    }
}
