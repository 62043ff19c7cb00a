package io.sluice.smtp.io;

/** What a TLS session was negotiated with, for the Received: header and the tracking log. */
public record TlsFacts(String protocol, String cipher) {
}
