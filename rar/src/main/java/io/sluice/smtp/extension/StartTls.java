package io.sluice.smtp.extension;

import io.sluice.smtp.TlsMode;

/** STARTTLS (RFC 3207): offered while enabled and not yet done (§4.2: not after the handshake). */
final class StartTls implements Extension {

    @Override
    public String keyword() {
        return "STARTTLS";
    }

    @Override
    public boolean offered(SessionView session) {
        return session.settings().tlsMode() != TlsMode.OFF && !session.tlsActive();
    }
}
