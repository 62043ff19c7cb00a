package io.sluice.smtp.extension;

/**
 * AUTH (RFC 4954) with PLAIN and LOGIN: offered while enabled, over TLS unless plain text is
 * allowed, and not yet done. The command itself is {@code AuthCommand}.
 */
final class Auth implements Extension {

    @Override
    public String keyword() {
        return "AUTH";
    }

    @Override
    public boolean offered(SessionView session) {
        return !session.authenticated() && switch (session.settings().authMode()) {
            case OFF -> false;
            case TLS -> session.tlsActive();
            case ALWAYS -> true;
        };
    }

    @Override
    public String ehloLine(SessionView session) {
        return "AUTH PLAIN LOGIN";
    }
}
