package io.sluice.pipeline;

import io.sluice.action.HeaderEditor;
import io.sluice.api.MessageContent;
import io.sluice.authresults.AuthenticationResults;
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
        if (m.headerEdits.isEmpty() && !m.forgedAuthResults) {
            m.outgoing = RelayedMessage.unchanged(m.prefix, body);
            return;
        }
        MessageHeaders headers = body == m.message.content() ? m.message.headers() : new MessageHeaders(body);
        if (!headers.section().complete()) {
            m.settle(Outcome.REJECTED, GatewayReplies.HEADER_TOO_LARGE, null);
            return;
        }
        HeaderEditor.apply(headers.parsed(), m.headerEdits);
        String ownId = m.forgedAuthResults ? m.authResults.authservId() : null;
        m.outgoing = RelayedMessage.withHeader(m.prefix, serialize(headers, ownId), headers.section().bodyOffset(), body);
    }

    /** The header section, without the Authentication-Results fields that claim {@code ownId} (if not null). */
    private static byte[] serialize(MessageHeaders headers, String ownId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(headers.section().raw().length + 256);
        for (Enumeration<String> lines = headers.parsed().getAllHeaderLines(); lines.hasMoreElements(); ) {
            String line = lines.nextElement();
            if (ownId != null && AuthenticationResults.isOwn(line, ownId)) {
                continue;
            }
            b.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            b.writeBytes(CRLF);
        }
        b.writeBytes(CRLF);
        return b.toByteArray();
    }
}
