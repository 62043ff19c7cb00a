package io.sluice.scan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** HTML to text: what a reader sees, in time linear in the markup. */
class HtmlTest {

    @Test
    void onlyTheVisibleTextRemains() {
        assertEquals("Buy & save now! <b>",
                Html.toText("<html><head><title>t</title><style>p{}</style></head><body><p>Buy &amp; save&nbsp;now!"
                        + "<!-- hidden --></p><script>x()</script> &lt;b&gt;</body></html>"));
        assertEquals("unclosed tags still give their text", Html.toText("<div><p>unclosed <b>tags still <i>give their text"));
    }

    @Test
    void hostileMarkupIsLinear() {
        // 20,000 '<' took 1.25 s with the patterns this replaced, growing with the square of the length
        String opens = "<".repeat(200_000);
        assertEquals(opens.length(), assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Html.toText(opens)).length());
        String comments = "<!--".repeat(100_000) + "x";
        assertEquals("", assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Html.toText(comments)));
        String scripts = "<script>".repeat(50_000);
        assertEquals("", assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Html.toText(scripts)));
    }
}
