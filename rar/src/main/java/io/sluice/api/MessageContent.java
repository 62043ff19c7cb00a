package io.sluice.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content of a message received with DATA: the exact octets the client sent after
 * dot-unstuffing, CRLF line endings, ending with CRLF (or empty). It may live in memory or in a
 * spool file; it is only valid during the listener call that receives it.
 */
public interface MessageContent {

    /** The size in octets. */
    long size();

    /** A new stream over the whole content, from its first octet; the caller closes it. */
    InputStream openStream() throws IOException;

    /**
     * The file that holds the content, so that a parser can read parts of it at random without
     * copying it to the heap; {@code null} when the content is small enough to be in memory. Only
     * valid during the call, and only to be read.
     */
    java.nio.file.Path file();
}
