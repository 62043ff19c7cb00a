package io.sluice.quarantine;

import io.sluice.api.MessageSource;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stored message as one release sends it, noting whether it went out whole. Until it has, the
 * mail server cannot have taken it: a message is only accepted once its end-of-data mark arrives
 * (RFC 5321 §4.1.1.4, RFC 3030 for BDAT), and the relay writes that mark after the content.
 */
final class Outgoing implements MessageSource {

    private final MessageSource content;
    private volatile boolean sentWhole;

    Outgoing(MessageSource content) {
        this.content = content;
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        content.writeTo(out);
        sentWhole = true;
    }

    /** Whether every octet was handed to the connection (on any attempt). */
    boolean sentWhole() {
        return sentWhole;
    }
}
