package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The octets relayed downstream: the gateway's header lines, then the client's content unchanged. */
final class RelayedMessage implements MessageSource {

    private final byte[] prefix;
    private final MessageContent content;

    RelayedMessage(byte[] prefix, MessageContent content) {
        this.prefix = prefix;
        this.content = content;
    }

    @Override
    public long size() {
        return prefix.length + content.size();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(prefix);
        try (InputStream in = content.openStream()) {
            in.transferTo(out);
        }
    }
}
