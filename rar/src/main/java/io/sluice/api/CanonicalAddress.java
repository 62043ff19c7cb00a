package io.sluice.api;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One spelling for each mailbox and domain, so that whatever compares addresses compares mailboxes,
 * not the ways of writing them. Built on {@link MailboxSyntax}: what the SMTP engine accepts has a
 * canonical form, and what has none is not an address.
 *
 * <ul>
 * <li>Domain: IDNA ToASCII (RFC 3490, the same {@link IDN} conversion the engine checks SMTPUTF8
 * domains with), whose nameprep maps case and NFKC width variants and takes U+3002, U+FF0E and
 * U+FF61 as dots; then lower case, and a trailing (root) dot dropped. {@code bücher.example},
 * {@code XN--BCHER-KVA.example.} and {@code ｂüｃｈｅｒ。example} are all {@code xn--bcher-kva.example}.</li>
 * <li>Local part: a quoted string that names a dot-string mailbox is unquoted ({@code "ceo"} and
 * {@code "c\eo"} are {@code ceo}, RFC 5321 §4.1.2); one that needs its quotes keeps them, with only
 * {@code "} and {@code \} escaped. Then NFC and lower case (policies have always ignored the case of
 * local parts, although §2.4 lets a mail server tell them apart).</li>
 * <li>Address literal (§4.1.3): IPv4 without leading zeros; IPv6 as RFC 5952 writes it (lower case,
 * longest zero run compressed), tag {@code ipv6:}; an IPv4-mapped IPv6 address
 * ({@code [IPv6:::ffff:192.0.2.1]}) is the IPv4 literal {@code [192.0.2.1]}, the host it names.
 * Other tagged literals are lower-cased.</li>
 * </ul>
 */
public final class CanonicalAddress {

    private CanonicalAddress() {
    }

    /** Whether {@code form} (one of this class's methods) has an answer for {@code value}: for validation. */
    public static boolean canonicalizes(UnaryOperator<String> form, String value) {
        try {
            form.apply(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The canonical form of {@code local@domain}; throws {@link IllegalArgumentException} saying why there is none. */
    public static String mailbox(String mailbox) {
        int at = MailboxSyntax.at(mailbox);
        if (at < 0) {
            throw new IllegalArgumentException("needs a local part, \"@\" and a domain");
        }
        String domain = mailbox.substring(at + 1);
        return localPart(mailbox.substring(0, at)) + "@"
                + (domain.startsWith("[") ? addressLiteral(domain) : domain(domain));
    }

    /** The canonical form of a domain name (an A-label where IDNA applies); throws if there is none. */
    public static String domain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the domain is not a domain name: " + e.getMessage(), e);
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1); // the root: "example.com." is "example.com"
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (!MailboxSyntax.isDomain(ascii)) {
            throw new IllegalArgumentException("the domain is not a domain name");
        }
        return ascii;
    }

    /** The canonical form of a local part (dot-string or quoted string, UTF-8 allowed); throws if there is none. */
    public static String localPart(String local) {
        if (local.isEmpty() || !MailboxSyntax.isLocalPart(MailboxSyntax.asciiShape(local))) {
            throw new IllegalArgumentException("the local part is neither a dot-string nor a quoted string");
        }
        String text = Normalizer.normalize(local.startsWith("\"") ? unquote(local) : local, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        String canonical = MailboxSyntax.isDotString(MailboxSyntax.asciiShape(text)) ? text : quote(text);
        if (canonical.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("the local part is longer than 64 octets"); // RFC 5321 §4.5.3.1.1
        }
        return canonical;
    }

    /** The content of a quoted string, quoted-pairs undone. */
    private static String unquote(String quoted) {
        StringBuilder b = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            b.append(c == '\\' ? quoted.charAt(++i) : c);
        }
        return b.toString();
    }

    /** A quoted string with only what qtextSMTP excludes escaped. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String addressLiteral(String literal) {
        if (!MailboxSyntax.isAddressLiteral(literal)) {
            throw new IllegalArgumentException("the domain is not an address literal");
        }
        String body = literal.substring(1, literal.length() - 1);
        if (body.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return ipv6(body.substring(5));
        }
        if (body.indexOf(':') < 0) { // the shape check left only IPv4 without a tag
            StringBuilder b = new StringBuilder("[");
            for (String octet : body.split("\\.")) {
                b.append(b.length() > 1 ? "." : "").append(Integer.parseInt(octet));
            }
            return b.append(']').toString();
        }
        return literal.toLowerCase(Locale.ROOT); // General-address-literal: the tag decides its syntax
    }

    private static String ipv6(String text) {
        InetAddress address = null;
        if (text.indexOf(':') >= 0) { // with a colon InetAddress parses a literal and never asks DNS
            try {
                address = InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                address = null;
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("the address literal is not an IPv6 address");
        }
        if (address instanceof Inet4Address) { // ::ffff:a.b.c.d (RFC 4291 §2.5.5.2) names the IPv4 host
            return "[" + address.getHostAddress() + "]";
        }
        return "[ipv6:" + rfc5952(address.getAddress()) + "]";
    }

    /** RFC 5952 §4: no leading zeros, the longest run of two or more zero groups (the first of equals) as "::". */
    static String rfc5952(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
