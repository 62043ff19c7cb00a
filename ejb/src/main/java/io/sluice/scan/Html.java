package io.sluice.scan;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The visible text of HTML: enough for keyword and spam rules, nothing rendered. jsoup parses in
 * one linear pass the way a browser would (unclosed tags, stray {@code <}, entities), so no markup
 * can make the conversion slow, and script, style, comments and the head are left out as a browser
 * leaves them out of the page.
 */
final class Html {

    private Html() {
    }

    static String toText(String html) {
        Document d = Jsoup.parse(html);
        return d.body() != null ? d.body().text() : d.text();
    }
}
