package io.sluice.pipeline;

import io.sluice.Version;
import io.sluice.api.ClientInfo;
import io.sluice.api.Transaction;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The header lines the gateway prepends to every message it relays: a {@code Received:} trace
 * field (RFC 5321 §4.4) naming the real client, and {@code X-Sluice-Version:}.
 */
final class TraceHeaders {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /** The last date written: mail in the same second at the same offset takes it as it is. */
    private record Stamp(long second, int offset, String text) {
    }

    private static volatile Stamp last;

    private TraceHeaders() {
    }

    /** {@code now} as the Received field writes it (RFC 5322 date-time), formatted once a second. */
    static String date(ZonedDateTime now) {
        long second = now.toEpochSecond();
        int offset = now.getOffset().getTotalSeconds();
        Stamp l = last;
        if (l == null || l.second() != second || l.offset() != offset) {
            l = new Stamp(second, offset, DATE.format(now));
            last = l;
        }
        return l.text();
    }

    static byte[] build(Transaction tx, ZonedDateTime now) {
        ClientInfo client = tx.client();
        StringBuilder sb = new StringBuilder(256);
        sb.append("Received: from ").append(printable(client.helo())).append(" (")
                .append(client.addressLiteral()).append(")\r\n");
        if (client.tls()) {
            sb.append("\t(using ").append(client.tlsProtocol()).append(" with cipher ").append(client.tlsCipher())
                    .append(")\r\n");
        }
        sb.append("\tby ").append(client.serverName()).append(" (Sluice) with ").append(client.protocol())
                .append(" id ").append(tx.queueId());
        // "for" only for a single recipient: listing all would disclose Bcc recipients to each
        if (tx.recipients().size() == 1) {
            sb.append("\r\n\tfor <").append(printable(tx.recipients().get(0).address())).append(">");
        }
        sb.append("; ").append(date(now)).append("\r\n");
        sb.append("X-Sluice-Version: ").append(Version.VALUE).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps a client-supplied token from breaking the header (it cannot hold CR/LF, but may hold controls). */
    private static String printable(String s) {
        if (s == null) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return sb.toString();
    }
}
