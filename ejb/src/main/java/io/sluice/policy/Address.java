package io.sluice.policy;

import io.sluice.api.CanonicalAddress;

import java.util.Locale;

/**
 * A mailbox as policies see it: in its canonical form ({@link CanonicalAddress}), split at the last
 * "@", so that no spelling of an address (case, U-label or A-label, width variants, a trailing dot,
 * needless quotes, address-literal notation) decides which policy applies. The null reverse-path is
 * {@link #NULL}; it only matches conditions of kind ANY.
 */
public record Address(String full, String domain) {

    public static final Address NULL = new Address("", "");

    /** The address in canonical form; one without any (a bare "postmaster", not a mailbox) lower-cased. */
    public static Address of(String mailbox) {
        if (mailbox == null || mailbox.isEmpty()) {
            return NULL;
        }
        String full = canonical(mailbox);
        int at = full.lastIndexOf('@');
        return new Address(full, at < 0 ? "" : full.substring(at + 1));
    }

    /**
     * A configured domain in canonical form. A value that has none (stored before validation asked
     * for one) is lower-cased: no envelope domain has that spelling, so it matches nothing new.
     */
    static String domainOf(String domain) {
        String d = domain.trim();
        try {
            return CanonicalAddress.domain(d);
        } catch (IllegalArgumentException e) {
            return d.toLowerCase(Locale.ROOT);
        }
    }

    private static String canonical(String mailbox) {
        try {
            return CanonicalAddress.mailbox(mailbox);
        } catch (IllegalArgumentException e) {
            return mailbox.toLowerCase(Locale.ROOT);
        }
    }

    public boolean isNull() {
        return full.isEmpty();
    }

    /** The part before the domain, canonical: {@code "Postmaster"@Example.ORG} gives {@code postmaster}. */
    public String localPart() {
        return domain.isEmpty() ? full : full.substring(0, full.length() - domain.length() - 1);
    }

    /** Whether the domain is {@code domain} or lies below it. */
    public boolean inDomainOrBelow(String parent) {
        return domain.equals(parent) || (domain.endsWith(parent) && domain.length() > parent.length()
                && domain.charAt(domain.length() - parent.length() - 1) == '.');
    }
}
