package io.sluice.smtp;

/** Whether the server offers STARTTLS (RFC 3207), and whether a client must use it before MAIL. */
public enum TlsMode {
    OFF, OFFER, REQUIRE
}
