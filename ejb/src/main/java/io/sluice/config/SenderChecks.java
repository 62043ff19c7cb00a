package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of the sender that ask the DNS: where the DNS questions go and how long an answer may take.
 *
 * @param dnsServers the resolvers to ask, comma-separated "address" or "address:port" (IPv6 as
 *                   "[2001:db8::1]:53"); empty: the system's resolvers (/etc/resolv.conf)
 * @param dnsTimeout how long one question may wait for its answer, all resolvers and retries together
 * @param spf        whether MAIL FROM and HELO are checked with SPF (RFC 7208); off by default, since
 *                   it asks the DNS about every sender
 * @param greylisting whether RCPT is greylisted (RFC 6647): the first attempt of a client network,
 *                    sender and recipient is deferred; a retry after {@code greylistDelay} and within
 *                    {@code greylistWindow} passes, and its client network then passes for {@code greylistAllowFor}
 * @param greylistDelay    how long a new triplet is deferred
 * @param greylistWindow   how long after the delay a retry is still taken as one
 * @param greylistAllowFor how long a client network that retried passes without greylisting (the automatic allow list)
 * @param greylistExempt   comma-separated client networks (CIDR) and sender domains (with their subdomains) never greylisted
 * @param greylistExemptSpfPass whether a sender whose SPF result is "pass" is never greylisted
 * @param dkim       whether every DKIM signature and the ARC chain of a message are verified at the
 *                   end of data (RFC 6376, RFC 8617); off by default, since it asks the DNS for keys
 * @param dmarc      whether the author's domain's DMARC policy (RFC 7489) is evaluated at the end of
 *                   data, from the SPF result of MAIL and the DKIM results (verified for it even
 *                   while {@code dkim} is off); off by default
 * @param arcSeal    which inbound messages get an ARC set sealing the results of these checks
 *                   (RFC 8617); off by default; needs {@code dkim} or {@code dmarc}
 * @param arcSealDomain the domain whose active DKIM key seals (a key of the DKIM keys table);
 *                   empty while sealing is off
 */
@Embeddable
public record SenderChecks(
        @Column(name = "dns_servers", nullable = false, length = 1000) String dnsServers,
        @Convert(converter = DurationMillis.class) @Column(name = "dns_timeout_millis", nullable = false)
        Duration dnsTimeout,
        @Column(name = "spf_enabled", nullable = false) boolean spf,
        @Column(name = "greylisting_enabled", nullable = false) boolean greylisting,
        @Convert(converter = DurationSeconds.class) @Column(name = "greylist_delay_seconds", nullable = false)
        Duration greylistDelay,
        @Convert(converter = DurationSeconds.class) @Column(name = "greylist_window_seconds", nullable = false)
        Duration greylistWindow,
        @Convert(converter = DurationSeconds.class) @Column(name = "greylist_allow_seconds", nullable = false)
        Duration greylistAllowFor,
        @Column(name = "greylist_exempt", nullable = false, length = 10000) String greylistExempt,
        @Column(name = "greylist_exempt_spf_pass", nullable = false) boolean greylistExemptSpfPass,
        @Column(name = "dkim_enabled", nullable = false) boolean dkim,
        @Column(name = "dmarc_enabled", nullable = false) boolean dmarc,
        @Enumerated(EnumType.STRING) @Column(name = "arc_seal", nullable = false, length = 8) ArcSealing arcSeal,
        @Column(name = "arc_seal_domain", nullable = false, length = 253) String arcSealDomain) {

    public static final SenderChecks DEFAULT = new SenderChecks("", Duration.ofSeconds(3), false, false,
            Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(36), "", true, false, false, ArcSealing.OFF, "");


    /** The exemptions as the settings list them. */
    public List<String> greylistExemptions() {
        return java.util.Arrays.stream(greylistExempt.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** The resolvers as socket addresses (port 53 when none is given); empty for the system's. */
    public List<InetSocketAddress> resolvers() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String s : dnsServers.split(",")) {
            if (!s.isBlank()) {
                out.add(resolver(s.trim()));
            }
        }
        return out;
    }

    /** The resolvers as the settings list them, one a text. */
    public List<String> resolverTexts() {
        return java.util.Arrays.stream(dnsServers.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** "192.0.2.1", "192.0.2.1:5353", "2001:db8::1", "[2001:db8::1]:5353"; only IP addresses, no names. */
    public static InetSocketAddress resolver(String text) {
        String host = text;
        int port = 53;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("no ] in " + text);
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("a port follows ]: in " + text);
                }
                port = port(text.substring(close + 2), text);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = port(text.substring(text.indexOf(':') + 1), text);
        }
        // only literals, so that no name is ever looked up here
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
    }

    private static int port(String p, String text) {
        if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
            throw new IllegalArgumentException("not a port in " + text);
        }
        return Integer.parseInt(p);
    }
}
