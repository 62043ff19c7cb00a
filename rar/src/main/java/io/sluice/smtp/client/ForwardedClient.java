package io.sluice.smtp.client;

import io.sluice.api.ClientOrigin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The XCLIENT and XFORWARD commands of Postfix (www.postfix.org/XCLIENT_README.html,
 * XFORWARD_README.html) for one client, with only the attributes the server listed and every
 * value in xtext (RFC 3461 §4), so a client's HELO name cannot smuggle anything into the command.
 */
final class ForwardedClient {

    private ForwardedClient() {
    }

    static String xclient(ClientOrigin o, String offered) {
        return "XCLIENT " + attributes(o, offered, true);
    }

    static String xforward(ClientOrigin o, String offered) {
        return "XFORWARD " + attributes(o, offered, false);
    }

    private static String attributes(ClientOrigin o, String offered, boolean xclient) {
        // EHLO parameters are separated by single spaces (RFC 5321 §4.1.1.1): each name is looked for
        // between two, with no set built per command
        String names = " " + offered.toUpperCase(Locale.ROOT) + " ";
        List<String> out = new ArrayList<>();
        add(out, names, "NAME", "[UNAVAILABLE]"); // the gateway does no reverse lookups
        add(out, names, "ADDR", o.address().indexOf(':') >= 0 ? "IPV6:" + o.address() : o.address());
        add(out, names, "PORT", Integer.toString(o.port()));
        add(out, names, "PROTO", o.protocol().startsWith("ESMTP") ? "ESMTP" : "SMTP");
        add(out, names, "HELO", o.helo() == null ? "[UNAVAILABLE]" : helo(o));
        if (xclient) {
            add(out, names, "LOGIN", o.login() == null ? "[UNAVAILABLE]" : o.login());
        } else {
            add(out, names, "SOURCE", "REMOTE");
        }
        return String.join(" ", out);
    }

    /**
     * Postfix refuses an XCLIENT attribute whose value, as sent (xtext-encoded), is longer than 255
     * characters ({@code 501 5.5.4 Error: attribute value too long}), which would leave the client's
     * mail without its identity: the mail server gets the longest beginning of the HELO name that
     * fits, as odd as the whole name was.
     */
    static final int MAX_VALUE_LENGTH = 255;

    /** The HELO name as XCLIENT carries it (before xtext), clipped so that its xtext fits. */
    static String helo(ClientOrigin o) {
        return o.helo() == null ? null : clip(o.helo(), MAX_VALUE_LENGTH);
    }

    /** The longest beginning of {@code value}, whole characters only, whose xtext is at most {@code max} long. */
    static String clip(String value, int max) {
        if (value.length() <= max && isPlain(value)) {
            return value; // nearly every name: its xtext is itself, no char by char
        }
        int length = 0;
        int end = 0;
        while (end < value.length()) {
            int cp = value.codePointAt(end);
            int encoded = xtext(new String(Character.toChars(cp))).length();
            if (length + encoded > max) {
                break;
            }
            length += encoded;
            end += Character.charCount(cp);
        }
        return value.substring(0, end);
    }

    private static void add(List<String> out, String offered, String name, String value) {
        if (offered.contains(" " + name + " ")) {
            out.add(name + "=" + xtext(value));
        }
    }

    /** RFC 3461 xtext: "+", "=" and anything outside printable ASCII become +XX. */
    static String xtext(String value) {
        if (isPlain(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (plain(c)) {
                sb.append((char) c);
            } else {
                sb.append('+').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** Whether every char of the value is written as itself in xtext. */
    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!plain(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(int c) {
        return c >= 33 && c <= 126 && c != '+' && c != '=';
    }
}
