package io.sluice.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template filled with example values, so an administrator sees what a notification will say
 * before saving it: one quarantined message with a virus, and a digest of two held messages. A
 * placeholder that is not known stays as it is, as it would in the mail.
 */
public final class TemplatePreview {

    /** The example every preview is filled with. */
    static final Map<String, String> EXAMPLE;

    static {
        Map<String, String> v = new LinkedHashMap<>(new Notice("06H2EXAMPLE00001", "sender@example.net",
                List.of("bob@example.com"), "Invoice for November", List.of("Eicar-Signature"), 7.2, "Default",
                "quarantined", "virus Eicar-Signature", "mail.example.com").values());
        v.put("count", "2");
        v.put("list", "2026-11-30 08:00  06H2EXAMPLE00001  from sender@example.net  \"Invoice for November\"  "
                + "(virus Eicar-Signature)\r\n2026-11-30 09:15  06H2EXAMPLE00002  from offers@example.org  "
                + "\"You have won\"  (spam score 17.2)\r\n");
        EXAMPLE = Map.copyOf(v);
    }

    private TemplatePreview() {
    }

    /** {@code template}'s subject and body filled with the example. */
    public static TemplateData of(TemplateData template) {
        return new TemplateData(template.name(), template.version(), Placeholders.render(template.subject(), EXAMPLE),
                Placeholders.render(template.body(), EXAMPLE));
    }
}
