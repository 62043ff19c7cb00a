package io.sluice.policy;

/** How one sender or recipient condition matches an address. */
public enum MatchKind {
    /** Every address, the null sender included. */
    ANY,
    /** One address, compared in canonical form (case, IDNA, quoting and literal notation do not count). */
    ADDRESS,
    /** Every address at exactly this domain. */
    DOMAIN,
    /** Every address at this domain and at any domain below it ({@code *.example.com}). */
    SUBDOMAINS,
    /** Every address a named address group matches. */
    GROUP
}
