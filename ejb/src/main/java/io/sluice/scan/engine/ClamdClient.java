package io.sluice.scan.engine;

import io.sluice.api.MessageContent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ClamAV's clamd: the message is streamed with INSTREAM (length-prefixed chunks, then a zero
 * length), over TCP or a unix socket. Content larger than clamd's StreamMaxLength is not sent
 * (clamd would refuse it): it is reported as skipped.
 */
public final class ClamdClient {

    private static final int CHUNK = 64 * 1024;

    /** What clamd said. {@code virus} is null for a clean message; {@code skipped} explains why nothing was sent. */
    public record Result(String virus, String skipped) {
        static final Result CLEAN = new Result(null, null);
    }

    private final String address;
    private final Duration timeout;
    private final long streamMaxLength;

    public ClamdClient(String address, Duration timeout, long streamMaxLength) {
        this.address = address;
        this.timeout = timeout;
        this.streamMaxLength = streamMaxLength;
    }

    public Result scan(MessageContent content) throws EngineException {
        if (content.size() > streamMaxLength) {
            return new Result(null, "larger than clamd's StreamMaxLength of " + streamMaxLength + " octets");
        }
        try (EngineConnection c = EngineConnection.open(address, timeout)) {
            try {
                OutputStream out = c.out();
                out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
                byte[] buf = new byte[CHUNK];
                try (InputStream in = content.openStream()) {
                    int n;
                    while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                        out.write(buf, 0, n);
                    }
                }
                out.write(new byte[4]);
                out.flush();
                return parse(readUntilNul(c.in()));
            } catch (IOException e) {
                throw failure(c, e);
            }
        }
    }

    /** clamd's PING: true when it answers PONG. */
    public boolean ping() {
        try (EngineConnection c = EngineConnection.open(address, timeout)) {
            c.out().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            c.out().flush();
            return readUntilNul(c.in()).equals("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** "stream: OK", "stream: Name FOUND", or "... ERROR". */
    static Result parse(String reply) throws EngineException {
        String r = reply.startsWith("stream: ") ? reply.substring(8) : reply;
        if (r.equals("OK")) {
            return Result.CLEAN;
        }
        if (r.endsWith(" FOUND")) {
            return new Result(r.substring(0, r.length() - 6), null);
        }
        throw new EngineException("clamd: " + reply);
    }

    private EngineException failure(EngineConnection c, IOException e) {
        return e instanceof EngineException ee ? ee
                : new EngineException("clamd " + address + ": " + (c.expired() ? "timed out after " + timeout.toMillis()
                + " ms" : e.getMessage()), e);
    }

    private static String readUntilNul(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) > 0) {
            if (b.size() > 4096) {
                throw new EngineException("clamd: reply too long");
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            throw new EngineException("clamd closed the connection without a reply");
        }
        return b.toString(StandardCharsets.UTF_8).trim();
    }
}
