package io.sluice.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation ("192.0.2.0/24", "2001:db8::/32", or a single address). */
public record Cidr(byte[] network, int prefixLength) {

    /** Four decimal octets: the only IPv4 form taken (InetAddress would also take "10.1" and look up "deadbeef"). */
    private static final Pattern DOTTED_QUAD = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** What an IPv6 literal is made of (InetAddress parses a text with a colon as one, without any lookup). */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * The octets of an IPv4 or IPv6 literal, or null for anything else. Never a DNS lookup: a name
     * here (an administrator's typo, or an address a client supplied) must not stall a thread.
     */
    static byte[] literal(String address) {
        if (address == null || !DOTTED_QUAD.matcher(address).matches() && !IPV6_CHARACTERS.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Parses a literal address with an optional prefix length; never looks anything up in DNS. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] bytes = literal(slash < 0 ? t : t.substring(0, slash));
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(String address) {
        return contains(literal(address));
    }

    /** Whether {@code address} (an IP literal) lies in any of {@code blocks}; it is parsed once, not per block. */
    public static boolean anyContains(Collection<Cidr> blocks, String address) {
        if (blocks.isEmpty()) {
            return false;
        }
        byte[] a = literal(address);
        for (Cidr block : blocks) {
            if (block.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(byte[] a) {
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }
}
