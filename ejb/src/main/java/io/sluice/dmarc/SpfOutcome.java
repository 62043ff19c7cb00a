package io.sluice.dmarc;

/**
 * What SPF (RFC 7208) said about a message, as DMARC needs it: the result keyword and the domain
 * it was about (the MAIL FROM domain, or the HELO name for a null sender, RFC 7489 §4.1).
 */
public record SpfOutcome(String result, String domain) {

    public static final SpfOutcome NONE = new SpfOutcome("none", null);

    public boolean passed() {
        return "pass".equalsIgnoreCase(result);
    }
}
