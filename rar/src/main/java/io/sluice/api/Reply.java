package io.sluice.api;

import java.io.Serializable;
import java.util.List;

/**
 * One SMTP reply: a three-digit code, an optional RFC 3463 enhanced status code and one or more
 * text lines. Immutable; the engine writes it as {@code code-status text} lines (RFC 5321 §4.2).
 *
 * @param code   the reply code, 200..599
 * @param status the enhanced status code ("2.1.5"), or {@code null} where RFC 2034 omits it
 *               (greeting, HELO/EHLO replies) or a downstream server did not send one
 * @param lines  the text lines, never empty
 */
public record Reply(int code, String status, List<String> lines) implements Serializable {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status, List.of(text));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The first text line, for logs and for quoting a downstream reply. */
    public String text() {
        return lines.get(0);
    }

    /** The reply as it appears on the wire, without the trailing CRLF of the last line. */
    public String toWire() {
        StringBuilder sb = new StringBuilder(32 * lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append("\r\n");
            }
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                sb.append(status).append(' ');
            }
            sb.append(lines.get(i));
        }
        return sb.toString();
    }

    /** A copy of this reply with another code and status but the same text (e.g. 421 turned into 451). */
    public Reply withCode(int newCode, String newStatus) {
        return new Reply(newCode, newStatus, lines);
    }

    /**
     * This reply with the server's name in front of its text: RFC 5321 §4.2 wants a 421 (the
     * server closing the connection) to start with the domain.
     */
    public Reply namedBy(String host) {
        return Reply.of(code, status, host + " " + text());
    }

    @Override
    public String toString() {
        return toWire().replace("\r\n", " / ");
    }

}
