package io.sluice.smtp.extension;

/** PIPELINING (RFC 2920): always offered; the session flushes replies at the end of a group. */
final class Pipelining implements Extension {

    @Override
    public String keyword() {
        return "PIPELINING";
    }

    @Override
    public boolean offered(SessionView session) {
        return true;
    }
}
