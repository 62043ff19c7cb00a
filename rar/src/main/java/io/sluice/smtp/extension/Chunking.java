package io.sluice.smtp.extension;

/** CHUNKING (RFC 3030): BDAT, always offered; the relay uses it whenever the mail server offers it. */
final class Chunking implements Extension {

    @Override
    public String keyword() {
        return "CHUNKING";
    }

    @Override
    public boolean offered(SessionView session) {
        return true;
    }
}
