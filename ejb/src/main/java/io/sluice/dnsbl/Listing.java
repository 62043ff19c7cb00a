package io.sluice.dnsbl;

import io.sluice.config.DnsList;

/**
 * One block list's "listed" for one thing a message came with.
 *
 * @param list   the list
 * @param what   "client", "helo", "sender" or "url"
 * @param listed the address or name that is listed
 * @param answer the list's answer (its return code), e.g. "127.0.0.2"
 */
public record Listing(DnsList list, String what, String listed, String answer) {

    /** As the tracking log and the log lines write it: "zen.test client 192.0.2.1=127.0.0.2". */
    @Override
    public String toString() {
        return list.zone() + " " + what + " " + listed + "=" + answer;
    }
}
