package io.sluice.scan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The visible text of HTML, roughly: enough for keyword and spam rules, nothing rendered. */
final class Html {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern SPACE = Pattern.compile("[ \\t\\x0B\\f\\r\\n]+");

    private Html() {
    }

    static String toText(String html) {
        String s = INVISIBLE.matcher(html).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        Matcher m = ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(sb);
        return SPACE.matcher(sb).replaceAll(" ").trim();
    }

    private static String entity(String e) {
        if (e.startsWith("#")) {
            try {
                int cp = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16)
                        : Integer.parseInt(e.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
            } catch (NumberFormatException ex) {
                return " ";
            }
        }
        return switch (e.toLowerCase(java.util.Locale.ROOT)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> " ";
        };
    }
}
