package io.sluice.ra.inbound;

import org.wildfly.security.x500.cert.SelfSignedX509CertificateAndSigningKey;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.ZonedDateTime;
import java.util.logging.Logger;

/**
 * The server's STARTTLS key: loaded from a key store (PKCS#12 or JKS) the administrator configured,
 * or, when none exists yet, a self-signed one created at first start and kept, so that STARTTLS
 * works out of the box and the certificate stays the same across restarts.
 */
public final class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class.getName());
    static final String ALIAS = "sluice";

    private ServerKeys() {
    }

    /**
     * @param keyStore    the key store file
     * @param password    its password (also the key's)
     * @param hostname    the name a generated certificate is for
     * @param generate    whether to create a self-signed key when the file does not exist
     */
    public static SSLContext context(Path keyStore, char[] password, String hostname, boolean generate)
            throws IOException, GeneralSecurityException {
        if (!Files.exists(keyStore)) {
            if (!generate) {
                throw new IOException("the TLS key store " + keyStore + " does not exist");
            }
            create(keyStore, password, hostname);
        }
        KeyStore ks = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A self-signed EC P-256 certificate for {@code hostname}, valid for ten years, stored readable by the owner only. */
    static void create(Path keyStore, char[] password, String hostname) throws IOException, GeneralSecurityException {
        SelfSignedX509CertificateAndSigningKey key = SelfSignedX509CertificateAndSigningKey.builder()
                .setDn(new X500Principal("CN=" + hostname))
                .setKeyAlgorithmName("EC").setKeySize(256).setSignatureAlgorithmName("SHA256withECDSA")
                .addExtension(false, "SubjectAlternativeName", "DNS:" + hostname)
                .setNotValidAfter(ZonedDateTime.now().plusYears(10))
                .build();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key.getSigningKey(), password, new Certificate[] {key.getSelfSignedCertificate()});
        Files.createDirectories(keyStore.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(keyStore.toAbsolutePath().getParent(), "tls-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's protection has to do
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, keyStore, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.info(() -> "created a self-signed TLS certificate for " + hostname + " in " + keyStore
                + "; configure a key store of your own for production");
    }
}
