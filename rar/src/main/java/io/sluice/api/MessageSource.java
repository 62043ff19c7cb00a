package io.sluice.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The octets of a message to relay, written on demand so that nothing needs to hold the whole
 * message in memory: e.g. the gateway's trace headers followed by the spooled content. Must be
 * CRLF-only text; the relay adds the dot transparency and the end-of-data mark.
 */
public interface MessageSource {

    /** The exact number of octets {@link #writeTo} writes (used for the SIZE parameter). */
    long size();

    void writeTo(OutputStream out) throws IOException;

    /** A small message already in memory (a notification, say). */
    static MessageSource of(byte[] octets) {
        return new MessageSource() {
            @Override
            public long size() {
                return octets.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(octets);
            }
        };
    }
}
