package io.sluice.smtp.io;

/**
 * One command line read from the client, or why it could not be used.
 *
 * @param status what was read
 * @param text   the line without its CRLF when {@code status} is {@link Status#OK}, else empty
 */
public record CommandLine(Status status, String text) {

    public enum Status {
        /** A line ending in CRLF, within the length limit. */
        OK,
        /** Longer than the command line limit; consumed up to its LF and discarded. */
        TOO_LONG,
        /** Contains an LF not preceded by CR, or a CR not followed by LF (RFC 5321 §2.3.8). */
        BARE_LINE_ENDING,
        /** The client closed the connection. */
        END_OF_STREAM
    }

    static final CommandLine TOO_LONG = new CommandLine(Status.TOO_LONG, "");
    static final CommandLine BARE_LINE_ENDING = new CommandLine(Status.BARE_LINE_ENDING, "");
    static final CommandLine END_OF_STREAM = new CommandLine(Status.END_OF_STREAM, "");
}
