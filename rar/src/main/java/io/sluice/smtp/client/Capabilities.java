package io.sluice.smtp.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The extensions a server listed in its EHLO reply (RFC 5321 §4.1.1.1), keyword to parameters. */
public final class Capabilities {

    static final Capabilities NONE = new Capabilities(Map.of());

    private final Map<String, String> keywords;

    private Capabilities(Map<String, String> keywords) {
        this.keywords = keywords;
    }

    /** Parses the lines of a 250 EHLO reply; the first line is the server's greeting. */
    static Capabilities fromEhlo(List<String> lines) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            String key = (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
            map.put(key, space < 0 ? "" : trimmed.substring(space + 1).trim());
        }
        return new Capabilities(Collections.unmodifiableMap(map));
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword);
    }

    /** The keyword's parameters ("NAME ADDR PORT" for XCLIENT), empty when it has none or is absent. */
    public String value(String keyword) {
        return keywords.getOrDefault(keyword, "");
    }

    /** The SIZE limit the server announced, 0 when it announced none or no number. */
    public long maxSize() {
        String v = keywords.get("SIZE");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public Map<String, String> asMap() {
        return keywords;
    }

    @Override
    public String toString() {
        return keywords.keySet().toString();
    }
}
