package io.sluice.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The gateway's host name for mail it writes itself when no SMTP session names it (digests). */
public final class GatewayHost {

    private GatewayHost() {
    }

    /** As the SMTP listener announces itself: sluice.smtp.hostname, else the machine's name. */
    public static String name() {
        String configured = System.getProperty("sluice.smtp.hostname", "").trim();
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
