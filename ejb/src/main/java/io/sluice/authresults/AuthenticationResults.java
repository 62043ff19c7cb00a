package io.sluice.authresults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Authentication-Results header field (RFC 8601) the gateway adds: its authserv-id, then each
 * method's result with its properties, in the order the checks ran. SPF adds its results at MAIL;
 * DKIM, DMARC and ARC add theirs the same way:
 *
 * <pre>
 * Authentication-Results: gateway.example;
 * 	spf=pass smtp.mailfrom=example.org;
 * 	dkim=pass header.d=example.org header.s=sel
 * </pre>
 *
 * An arriving field with the same authserv-id claims to come from this gateway and is removed
 * first ({@link #isOwn}, RFC 8601 §5).
 */
public final class AuthenticationResults {

    public static final String NAME = "Authentication-Results";

    private final String authservId;
    private final List<String> results = new ArrayList<>();

    public AuthenticationResults(String authservId) {
        this.authservId = authservId;
    }

    public String authservId() {
        return authservId;
    }

    /**
     * One method's result (RFC 8601 §2.2: {@code method=result ptype.property=value ...}).
     *
     * @param properties e.g. {@code "smtp.mailfrom" -> "example.org"}, in order; values that are no
     *                   token are quoted
     */
    public AuthenticationResults add(String method, String result, Map<String, String> properties) {
        return add(method, result, null, properties);
    }

    /**
     * One method's result with a comment after it, as CFWS allows there (RFC 8601 §2.2):
     * {@code dmarc=fail (overridden: trusted_forwarder) header.from=example.org}. Parentheses and
     * backslashes in the comment are quoted (RFC 5322 §3.2.2), so it always ends where it should.
     *
     * @param comment the comment's text, or null for none
     */
    public AuthenticationResults add(String method, String result, String comment, Map<String, String> properties) {
        StringBuilder sb = new StringBuilder(method).append('=').append(result.toLowerCase(Locale.ROOT));
        if (comment != null) {
            sb.append(" (");
            for (int i = 0; i < comment.length(); i++) {
                char c = comment.charAt(i);
                if (c == '(' || c == ')' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c < ' ' || c == 127 ? '?' : c);
            }
            sb.append(')');
        }
        properties.forEach((k, v) -> sb.append(' ').append(k).append('=').append(value(v)));
        results.add(sb.toString());
        return this;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** The results as they stand in the field, after the authserv-id; "none" when there are none. */
    public List<String> results() {
        return List.copyOf(results);
    }

    /** The whole field, each result on a line of its own, ending in CRLF. */
    public String field() {
        StringBuilder sb = new StringBuilder(NAME).append(": ").append(authservId).append(';');
        if (results.isEmpty()) {
            return sb.append(" none\r\n").toString();
        }
        for (int i = 0; i < results.size(); i++) {
            sb.append("\r\n\t").append(results.get(i)).append(i + 1 < results.size() ? ";" : "");
        }
        return sb.append("\r\n").toString();
    }

    public byte[] bytes() {
        return field().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code line}, a whole header field ("Name: value", possibly folded), is an
     * Authentication-Results field with {@code authservId}, compared ignoring case (RFC 8601 §5).
     */
    public static boolean isOwn(String line, String authservId) {
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase(NAME)) {
            return false;
        }
        String id = authservIdOf(line.substring(colon + 1));
        return id != null && id.equalsIgnoreCase(authservId);
    }

    /** The authserv-id at the start of a field's value, past comments and white space; null if none. */
    static String authservIdOf(String value) {
        int i = skipCfws(value, 0);
        if (i >= value.length()) {
            return null;
        }
        if (value.charAt(i) == '"') {
            StringBuilder sb = new StringBuilder();
            for (int j = i + 1; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '\\' && j + 1 < value.length()) {
                    sb.append(value.charAt(++j));
                } else if (c == '"') {
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            return null;
        }
        int end = i;
        while (end < value.length() && value.charAt(end) > ' ' && value.charAt(end) != ';' && value.charAt(end) != '(') {
            end++;
        }
        return end == i ? null : value.substring(i, end);
    }

    private static int skipCfws(String s, int i) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '\\' && depth > 0) {
                i++;
            } else if (depth == 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** A property value: as it is when it is a token or an address/domain, else a quoted string. */
    private static String value(String v) {
        if (!v.isEmpty() && v.chars().allMatch(c -> c > ' ' && c < 127 && "()<>,;:\\\"[]=".indexOf(c) < 0)) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c < ' ' || c == 127 ? '?' : c);
        }
        return sb.append('"').toString();
    }
}
