package io.sluice.dmarc;

import com.google.common.net.InternetDomainName;

import java.util.Locale;

/**
 * The organisational domain (RFC 7489 §3.2): the public suffix of a domain (from the Public Suffix
 * List Guava carries) and one label more. A domain under no listed suffix takes its last label as
 * the suffix, the list's implicit "*" rule.
 */
public final class OrganizationalDomain {

    private OrganizationalDomain() {
    }

    public static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            InternetDomainName name = InternetDomainName.from(d);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            if (name.isPublicSuffix()) {
                return d;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a name Guava accepts (an underscore label, say): the implicit rule below
        }
        int last = d.lastIndexOf('.');
        if (last < 0) {
            return d;
        }
        int before = d.lastIndexOf('.', last - 1);
        return d.substring(before + 1);
    }

    /** Whether two domains are aligned: equal when {@code strict}, else of the same organisational domain (§3.1). */
    public static boolean aligned(String a, String b, boolean strict) {
        if (a == null || b == null) {
            return false;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return strict ? x.equals(y) : of(x).equals(of(y));
    }
}
