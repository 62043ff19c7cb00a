package io.sluice.smtp.client;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server replies (RFC 5321 §4.2): {@code ddd-text} continuation lines then {@code ddd text}.
 * Enhanced status codes (RFC 2034) are split off the text when present and of the reply's class.
 */
final class ReplyReader {

    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 256;

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private int count;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    Reply read() throws IOException {
        List<String> lines = new ArrayList<>(1);
        int code = -1;
        String status = null;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !isDigits(line, 3) || (line.length() > 3
                    && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new ProtocolException("malformed reply line: " + abbreviate(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new ProtocolException("reply code changed inside a multi-line reply: " + abbreviate(line));
            }
            code = lineCode;
            String text = line.length() > 4 ? line.substring(4) : "";
            String lineStatus = statusOf(text, code);
            if (lineStatus != null) {
                status = lineStatus;
                text = text.substring(Math.min(text.length(), lineStatus.length() + 1));
            }
            lines.add(text);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                if (code < 200 || code > 599) {
                    throw new ProtocolException("reply code out of range: " + code);
                }
                count++;
                return new Reply(code, status, lines);
            }
            if (lines.size() > MAX_LINES) {
                throw new ProtocolException("reply longer than " + MAX_LINES + " lines");
            }
        }
    }

    /** Whether some of a reply has come in: reading one may then wait a moment, but not for the server to act. */
    boolean ready() throws IOException {
        return pos < limit || in.available() > 0;
    }

    /** How many complete replies were read so far. */
    int count() {
        return count;
    }

    /** "2.1.5 text" gives "2.1.5" when its class matches the reply code. */
    private static String statusOf(String text, int code) {
        int space = text.indexOf(' ');
        String candidate = space < 0 ? text : text.substring(0, space);
        if (!EnhancedStatus.isWellFormed(candidate)) {
            return null;
        }
        return candidate.charAt(0) == (char) ('0' + code / 100) ? candidate : null;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new EOFException("connection closed by the downstream server");
                }
                pos = 0;
                limit = n;
            }
            byte c = buf[pos++];
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new ProtocolException("reply line longer than " + MAX_LINE + " octets");
            }
            sb.append((char) (c & 0xFF));
        }
    }

    private static boolean isDigits(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        String printable = new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }

    /** The reply with a status, synthesized from its class if the server sent none. */
    static Reply withStatus(Reply reply) {
        return reply.status() != null ? reply : reply.withCode(reply.code(), EnhancedStatus.genericFor(reply.code()));
    }
}
