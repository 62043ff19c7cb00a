package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
