package io.sluice.smtp.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The PROXY protocol header (HAProxy's versions 1 and 2) that a load balancer sends before the
 * client's first octet, naming the real client. Only read from a trusted load balancer; from
 * anyone else it would let a client choose the address the gateway and the mail server see.
 *
 * @param sourceAddress the real client's address, or {@code null} for LOCAL/UNKNOWN (a health check:
 *                      the connection's own address stands)
 * @param sourcePort    the real client's port
 */
public record ProxyHeader(String sourceAddress, int sourcePort) {

    /** A header that is missing, malformed or of an unknown kind. */
    public static final class Invalid extends IOException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V1_MAX = 107;

    /** Reads the header from the start of the connection. */
    public static ProxyHeader read(SmtpInput in) throws IOException {
        int first = in.peek();
        if (first == '\r') {
            return v2(in);
        }
        if (first == 'P') {
            return v1(in);
        }
        throw new Invalid(first < 0 ? "the connection ended before the PROXY header" : "no PROXY header");
    }

    private static ProxyHeader v1(SmtpInput in) throws IOException {
        CommandLine line = in.readCommandLine(V1_MAX);
        if (line.status() != CommandLine.Status.OK) {
            throw new Invalid("malformed PROXY v1 header");
        }
        String[] f = line.text().split(" ");
        if (!f[0].equals("PROXY") || f.length < 2) {
            throw new Invalid("malformed PROXY v1 header: " + line.text());
        }
        if (f[1].equals("UNKNOWN")) {
            return new ProxyHeader(null, 0);
        }
        if (f.length != 6 || !f[1].equals("TCP4") && !f[1].equals("TCP6")) {
            throw new Invalid("malformed PROXY v1 header: " + line.text());
        }
        int length = f[1].equals("TCP4") ? 4 : 16;
        literal(f[3], length); // the destination is not used, but a header must be well formed throughout
        port(f[5]);
        return new ProxyHeader(literal(f[2], length), port(f[4]));
    }

    private static ProxyHeader v2(SmtpInput in) throws IOException {
        byte[] head = in.readExactly(16);
        if (!Arrays.equals(Arrays.copyOf(head, 12), V2_SIGNATURE) || (head[12] & 0xF0) != 0x20) {
            throw new Invalid("malformed PROXY v2 header");
        }
        int command = head[12] & 0x0F;
        int family = head[13] & 0xFF;
        int length = ((head[14] & 0xFF) << 8) | (head[15] & 0xFF);
        byte[] body = in.readExactly(length); // addresses, then TLVs we do not need
        if (command == 0) {
            return new ProxyHeader(null, 0); // LOCAL: the balancer's own health check
        }
        if (command != 1) {
            throw new Invalid("unknown PROXY v2 command " + command);
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        return switch (family) {
            case 0x11 -> address(b, 4, length, 12);  // TCP over IPv4
            case 0x21 -> address(b, 16, length, 36); // TCP over IPv6
            case 0x00 -> new ProxyHeader(null, 0);   // UNSPEC
            default -> throw new Invalid("unsupported PROXY v2 address family " + family);
        };
    }

    private static ProxyHeader address(ByteBuffer b, int size, int length, int needed) throws Invalid {
        if (length < needed) {
            throw new Invalid("PROXY v2 address block too short");
        }
        byte[] source = new byte[size];
        b.get(source);
        b.position(b.position() + size); // destination
        int port = b.getShort() & 0xFFFF;
        try {
            return new ProxyHeader(InetAddress.getByAddress(source).getHostAddress(), port);
        } catch (UnknownHostException e) {
            throw new Invalid("bad PROXY v2 address");
        }
    }

    /**
     * An address literal of the given family, parsed without any DNS lookup: four decimal octets
     * for IPv4; for IPv6 text that starts with a hex digit or a colon and has a colon, which
     * {@link InetAddress#getByName} only ever parses as a literal (anything else it would resolve).
     */
    private static String literal(String text, int length) throws Invalid {
        byte[] a = length == 4 ? ipv4(text) : ipv6(text);
        if (a == null || a.length != length) {
            throw new Invalid("bad address in PROXY header: " + text);
        }
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new Invalid("bad address in PROXY header: " + text);
        }
    }

    private static byte[] ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            String o = octets[i];
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(o);
            if (v > 255) {
                return null;
            }
            a[i] = (byte) v;
        }
        return a;
    }

    private static byte[] ipv6(String text) {
        boolean literalOnly = !text.isEmpty() && text.indexOf(':') >= 0
                && (text.charAt(0) == ':' || isHex(text.charAt(0)))
                && text.chars().allMatch(c -> c == ':' || c == '.' || isHex(c));
        if (!literalOnly) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** A decimal port, ASCII digits only (Integer.parseInt would take "+25" and other scripts' digits). */
    private static int port(String text) throws Invalid {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > 65535) {
            throw new Invalid("bad port in PROXY header: " + text);
        }
        return Integer.parseInt(text);
    }
}
