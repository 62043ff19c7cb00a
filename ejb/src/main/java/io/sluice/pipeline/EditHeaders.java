package io.sluice.pipeline;

import io.sluice.action.HeaderEditor;
import io.sluice.api.MessageContent;
import io.sluice.pipeline.MessageLedger.Outcome;
import io.sluice.scan.MessageHeaders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Makes the copy to deliver: the gateway's header fields in front, then the message (or its
 * changed body) with the header edits applied. Without edits the octets pass as received; with
 * edits the header section is written anew, which needs all of it: a header section beyond the
 * limit the scan reads is refused.
 */
final class EditHeaders implements EndOfDataStep {

    private static final byte[] CRLF = {'\r', '\n'};

    @Override
    public void apply(EndOfData m) {
        MessageContent body = m.body();
        m.headerEdits.addAll(m.disposition.edits());
        if (m.headerEdits.isEmpty()) {
            m.outgoing = RelayedMessage.unchanged(m.prefix, body);
            return;
        }
        MessageHeaders headers = body == m.message.content() ? m.message.headers() : new MessageHeaders(body);
        if (!headers.section().complete()) {
            m.settle(Outcome.REJECTED, GatewayReplies.HEADER_TOO_LARGE, null);
            return;
        }
        HeaderEditor.apply(headers.parsed(), m.headerEdits);
        m.outgoing = RelayedMessage.withHeader(m.prefix, serialize(headers), headers.section().bodyOffset(), body);
    }

    private static byte[] serialize(MessageHeaders headers) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(headers.section().raw().length + 256);
        for (Enumeration<String> lines = headers.parsed().getAllHeaderLines(); lines.hasMoreElements(); ) {
            b.writeBytes(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            b.writeBytes(CRLF);
        }
        b.writeBytes(CRLF);
        return b.toByteArray();
    }
}
