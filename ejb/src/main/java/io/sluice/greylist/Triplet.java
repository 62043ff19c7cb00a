package io.sluice.greylist;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What greylisting keys its state by (RFC 6647 §2.1): the client's network rather than its
 * address, since a large sender retries from another address of the same pool (/24 for IPv4, /64
 * for IPv6), the sender and the recipient, both in lower case.
 */
public record Triplet(String network, String sender, String recipient) {

    public static Triplet of(String clientAddress, String sender, String recipient) {
        return new Triplet(network(clientAddress), sender.toLowerCase(Locale.ROOT), recipient.toLowerCase(Locale.ROOT));
    }

    /** "192.0.2.0/24" for 192.0.2.7, "2001:db8:1:2::/64" for 2001:db8:1:2::9. */
    public static String network(String address) {
        byte[] b;
        try {
            if (!address.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("not an IP address: " + address);
            }
            b = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/64").toString();
    }
}
