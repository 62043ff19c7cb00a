package io.sluice.smtp.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Whom the relay trusts in a TLS session with the downstream: the JVM's trusted roots when
 * certificates are verified; anyone otherwise, which is what opportunistic TLS (RFC 7435) means:
 * encryption against passive listeners, no authentication, and never worse than plain text.
 */
final class DownstreamTrust {

    private DownstreamTrust() {
    }

    static SSLContext context(boolean verify) throws IOException {
        try {
            if (verify) {
                return SSLContext.getDefault();
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS for the downstream: " + e.getMessage(), e);
        }
    }
}
