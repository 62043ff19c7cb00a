package io.sluice.smtp.extension;

/** ENHANCEDSTATUSCODES (RFC 2034): always offered; every reply after the greeting and EHLO carries one. */
final class EnhancedStatusCodes implements Extension {

    @Override
    public String keyword() {
        return "ENHANCEDSTATUSCODES";
    }

    @Override
    public boolean offered(SessionView session) {
        return true;
    }
}
