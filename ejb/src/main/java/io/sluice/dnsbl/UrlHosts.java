package io.sluice.dnsbl;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.sluice.dmarc.OrganizationalDomain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The registered domains of the http, https and ftp URLs in a message's text, for the domain block
 * lists: URI block lists (SURBL, URIBL, Spamhaus DBL) list registered domains, and a host is asked
 * as its organisational domain ({@code www.shop.example.co.uk} as {@code example.co.uk}, by the
 * Public Suffix List), as SpamAssassin and Rspamd ask. That also keeps a spammer from spending the
 * per-message limit on many host names of one harmless domain before the listed one. Linear-time
 * matching (RE2/J): the text is the sender's.
 */
public final class UrlHosts {

    /** At most this many distinct domains per message are asked about, so a message cannot make thousands of questions. */
    public static final int MAX_HOSTS = 20;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://(?:[^/@\\s]*@)?([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)");

    private UrlHosts() {
    }

    public static Set<String> of(List<String> texts) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher m = URL.matcher(text);
            while (m.find() && hosts.size() < MAX_HOSTS) {
                String host = m.group(1).toLowerCase(Locale.ROOT);
                if (host.contains(".") && !host.matches("[0-9.]+")) {
                    hosts.add(OrganizationalDomain.of(host));
                }
            }
        }
        return hosts;
    }
}
