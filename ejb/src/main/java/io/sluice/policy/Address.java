package io.sluice.policy;

import java.util.Locale;

/**
 * A mailbox as policies see it: lower-cased, split at the last "@". The null reverse-path is
 * {@link #NULL}; it only matches conditions of kind ANY.
 */
public record Address(String full, String domain) {

    public static final Address NULL = new Address("", "");

    public static Address of(String mailbox) {
        if (mailbox == null || mailbox.isEmpty()) {
            return NULL;
        }
        String lower = mailbox.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return new Address(lower, at < 0 ? "" : lower.substring(at + 1));
    }

    public boolean isNull() {
        return full.isEmpty();
    }

    /** Whether the domain is {@code domain} or lies below it. */
    public boolean inDomainOrBelow(String parent) {
        return domain.equals(parent) || (domain.endsWith(parent) && domain.length() > parent.length()
                && domain.charAt(domain.length() - parent.length() - 1) == '.');
    }
}
