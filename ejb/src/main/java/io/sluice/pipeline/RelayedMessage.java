package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.MessageSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * The octets relayed downstream: the gateway's trace header lines, then either the client's content
 * unchanged or a rewritten header section followed by the unchanged body.
 */
final class RelayedMessage implements MessageSource {

    private final byte[] prefix;
    private final byte[] header;   // null: the content goes as it came
    private final long bodyOffset;
    private final MessageContent content;

    private RelayedMessage(byte[] prefix, byte[] header, long bodyOffset, MessageContent content) {
        this.prefix = prefix;
        this.header = header;
        this.bodyOffset = bodyOffset;
        this.content = content;
    }

    static RelayedMessage unchanged(byte[] prefix, MessageContent content) {
        return new RelayedMessage(prefix, null, 0, content);
    }

    /** {@code header} replaces the first {@code bodyOffset} octets of the content. */
    static RelayedMessage withHeader(byte[] prefix, byte[] header, long bodyOffset, MessageContent content) {
        return new RelayedMessage(prefix, header, bodyOffset, content);
    }

    /** The same copy with {@code field} (a header field with its CRLF) on top. */
    RelayedMessage withFieldOnTop(byte[] field) {
        byte[] top = Arrays.copyOf(field, field.length + prefix.length);
        System.arraycopy(prefix, 0, top, field.length, prefix.length);
        return new RelayedMessage(top, header, bodyOffset, content);
    }

    /** The octets {@link #writeTo} writes, as a stream (the caller closes it). */
    InputStream openStream() throws IOException {
        InputStream rest = content.openStream();
        rest.skipNBytes(bodyOffset);
        InputStream front = new ByteArrayInputStream(prefix);
        if (header != null) {
            front = new SequenceInputStream(front, new ByteArrayInputStream(header));
        }
        return new SequenceInputStream(front, rest);
    }

    @Override
    public long size() {
        return prefix.length + (header == null ? 0 : header.length) + content.size() - bodyOffset;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(prefix);
        if (header != null) {
            out.write(header);
        }
        try (InputStream in = content.openStream()) {
            in.skipNBytes(bodyOffset);
            in.transferTo(out);
        }
    }
}
