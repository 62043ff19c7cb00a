package io.sluice.smtp.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Whom the relay trusts in a TLS session with the downstream: when certificates are verified, the
 * JVM's trusted roots or the certificates of a configured file; anyone otherwise, which is what
 * opportunistic TLS (RFC 7435) means: encryption against passive listeners, no authentication, and
 * never worse than plain text.
 */
final class DownstreamTrust {

    private DownstreamTrust() {
    }

    /**
     * @param trusted a file of PEM (or DER) certificates to trust as roots instead of the JVM's, or
     *                {@code null}; read at each new session, so a changed file counts at once
     */
    static SSLContext context(boolean verify, Path trusted) throws IOException {
        try {
            if (verify && trusted == null) {
                return SSLContext.getDefault();
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, verify ? trusting(trusted) : new TrustManager[] {ANYONE}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS for the downstream: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trusting(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificates in " + file + " (sluice.relay.tls.trust-store)");
        }
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            roots.setCertificateEntry("trusted-" + i++, certificate);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        return tmf.getTrustManagers();
    }

    private static final X509TrustManager ANYONE = new X509TrustManager() {
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
    };
}
