package io.sluice.spf;

/**
 * The outcome of one SPF check: its result, the identity checked (RFC 7208 §2.3, §2.4) and the
 * domain that identity has.
 *
 * @param result   the result
 * @param identity "mailfrom" or "helo"
 * @param domain   the domain checked: the sender's, or the HELO name (for a null sender too)
 * @param lookups  the DNS questions the check asked (cached answers included)
 */
public record SpfCheck(SpfResult result, String identity, String domain, int lookups) {
}
