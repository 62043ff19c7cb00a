package io.sluice.smtp;

/** Whether AUTH (RFC 4954) is offered: never, only over TLS (the default), or also in plain text. */
public enum AuthMode {
    OFF, TLS, ALWAYS
}
