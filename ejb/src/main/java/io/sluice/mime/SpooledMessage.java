package io.sluice.mime;

import io.sluice.api.MessageContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Properties;

/**
 * A received message opened for a walk over its MIME tree. Jakarta Mail parses it in place: a
 * spooled file is read with positional reads and never copied to the heap (only a message small
 * enough to be held in memory in the first place is parsed from its bytes), and every part is a
 * {@link SpoolSlice} of the same octets, so it can be located in them.
 */
public final class SpooledMessage implements AutoCloseable {

    /**
     * The one set of session properties for every walk. Header fields may carry UTF-8 (RFC 6532,
     * as SMTPUTF8 clients send them). Jakarta Mail reads {@code mail.mime.decodefilename},
     * {@code mail.mime.parameters.strict} and {@code mail.mime.ignoreunknownencoding} as JVM-wide
     * system properties, once, not from a session: file names are therefore decoded by
     * {@link MimeNode#fileName()}, and a part in an unknown transfer encoding fails to decode.
     */
    private static final Session SESSION;

    static {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        SESSION = Session.getInstance(p);
    }

    private final SpoolSlice.Octets octets;

    private SpooledMessage(SpoolSlice.Octets octets) {
        this.octets = octets;
    }

    public static SpooledMessage open(MessageContent content) throws IOException {
        if (content.file() != null) {
            return new SpooledMessage(SpoolSlice.Octets.of(content.file()));
        }
        try (InputStream in = content.openStream()) {
            return new SpooledMessage(SpoolSlice.Octets.of(in.readAllBytes())); // small: under the spool threshold
        }
    }

    /**
     * The message's MIME structure, parsed as far as it is asked for. Its top-level header fields
     * are read by {@link HeaderLoader}, which does not look Jakarta Mail's stream provider up again
     * for every message.
     */
    public MimeMessage parse() throws MessagingException {
        return new MimeMessage(SESSION, new SpoolSlice(octets, 0, octets.size())) {
            @Override
            protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
                return HeaderLoader.load(in, true); // SESSION allows UTF-8
            }
        };
    }

    public long size() {
        return octets.size();
    }

    /** Copies the octets [{@code from}, {@code to}) of the message to {@code out}. */
    public void copy(long from, long to, OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(16 * 1024, to - from))];
        long at = from;
        while (at < to) {
            int n = octets.read(at, buffer, 0, (int) Math.min(buffer.length, to - at));
            if (n <= 0) {
                throw new IOException("the message ended before offset " + to);
            }
            out.write(buffer, 0, n);
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        octets.close();
    }
}
