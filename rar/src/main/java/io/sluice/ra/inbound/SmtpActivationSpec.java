package io.sluice.ra.inbound;

import io.sluice.api.Cidr;
import io.sluice.smtp.AuthMode;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.TlsMode;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the gateway's message-driven bean asks to be activated: where to listen, the announced host
 * name, and the session limits and timeouts. Each property is a JavaBean property set from the
 * bean's activation config (see the EJB module's {@code jboss-ejb3.xml}, where system properties
 * such as {@code sluice.smtp.port} supply the values). Unset properties keep the engine's defaults
 * ({@link SmtpSettings.Builder}): this class has none of its own.
 */
public class SmtpActivationSpec implements ActivationSpec {

    /** The password of a key store the gateway generated itself (the file is readable by its owner only). */
    static final String DEFAULT_KEY_STORE_PASSWORD = "sluice";

    private ResourceAdapter resourceAdapter;
    private String bindAddress;
    private Integer port;
    private String hostname;
    private Integer maxConnections;
    private Integer maxCommandLineLength;
    private Integer maxTextLineLength;
    private Integer maxRecipients;
    private Long maxMessageSize;
    private Integer commandTimeoutSeconds;
    private Integer dataBlockTimeoutSeconds;
    private Integer dataTotalTimeoutSeconds;
    private Integer spoolThreshold;
    private String spoolDirectory;
    private String tls;
    private String proxyTrusted;
    private String auth;
    private Integer authFailureDelayMillis;
    private Integer maxAuthFailures;
    private String tlsKeyStore;
    private String tlsKeyStorePassword;

    /** The engine settings these properties describe; invalid values fail with the property's name. */
    public SmtpSettings toSettings() throws InvalidPropertyException {
        SmtpSettings.Builder b = SmtpSettings.builder();
        try {
            if (notBlank(bindAddress)) {
                b.bindAddress(bindAddress.trim());
            }
            if (port != null) {
                b.port(port);
            }
            String host = notBlank(hostname) ? hostname.trim() : localHostName();
            b.hostname(host);
            if (maxConnections != null) {
                b.maxConnections(maxConnections);
            }
            if (maxCommandLineLength != null) {
                b.maxCommandLineLength(maxCommandLineLength);
            }
            if (maxTextLineLength != null) {
                b.maxTextLineLength(maxTextLineLength);
            }
            if (maxRecipients != null) {
                b.maxRecipients(maxRecipients);
            }
            if (maxMessageSize != null) {
                b.maxMessageSize(maxMessageSize);
            }
            if (commandTimeoutSeconds != null) {
                b.commandTimeout(Duration.ofSeconds(commandTimeoutSeconds));
            }
            if (dataBlockTimeoutSeconds != null) {
                b.dataBlockTimeout(Duration.ofSeconds(dataBlockTimeoutSeconds));
            }
            if (dataTotalTimeoutSeconds != null) {
                b.dataTotalTimeout(Duration.ofSeconds(dataTotalTimeoutSeconds));
            }
            if (spoolThreshold != null) {
                b.spoolThreshold(spoolThreshold);
            }
            if (notBlank(spoolDirectory)) {
                b.spoolDirectory(Path.of(spoolDirectory.trim()));
            }
            if (notBlank(proxyTrusted)) {
                b.proxyTrusted(Arrays.stream(proxyTrusted.split("[,\\s]+")).filter(s -> !s.isBlank())
                        .map(Cidr::parse).toList());
            }
            if (notBlank(auth)) {
                b.authMode(AuthMode.valueOf(auth.trim().toUpperCase(Locale.ROOT)));
            }
            if (authFailureDelayMillis != null) {
                b.authFailureDelay(Duration.ofMillis(authFailureDelayMillis));
            }
            if (maxAuthFailures != null) {
                b.maxAuthFailures(maxAuthFailures);
            }
            if (notBlank(tls)) {
                b.tlsMode(TlsMode.valueOf(tls.trim().toUpperCase(Locale.ROOT)));
            }
            if (b.tlsMode() != TlsMode.OFF) {
                b.tlsContext(tlsContext(host));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("invalid SMTP activation property: " + e.getMessage());
        }
        return b.build();
    }

    /**
     * The configured key store, or, when none is configured, the one the gateway made itself in
     * the server's data directory (created with a self-signed certificate at first start).
     */
    private SSLContext tlsContext(String host) throws InvalidPropertyException {
        boolean configured = notBlank(tlsKeyStore);
        Path store = configured ? Path.of(tlsKeyStore.trim())
                : Path.of(System.getProperty("jboss.server.data.dir", "."), "sluice", "tls.p12");
        char[] password = (notBlank(tlsKeyStorePassword) ? tlsKeyStorePassword : DEFAULT_KEY_STORE_PASSWORD).toCharArray();
        try {
            return ServerKeys.context(store, password, host, !configured);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPropertyException("cannot use the TLS key store " + store + ": " + e.getMessage());
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void validate() throws InvalidPropertyException {
        toSettings();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxCommandLineLength() {
        return maxCommandLineLength;
    }

    public void setMaxCommandLineLength(Integer maxCommandLineLength) {
        this.maxCommandLineLength = maxCommandLineLength;
    }

    public Integer getMaxTextLineLength() {
        return maxTextLineLength;
    }

    public void setMaxTextLineLength(Integer maxTextLineLength) {
        this.maxTextLineLength = maxTextLineLength;
    }

    public Integer getMaxRecipients() {
        return maxRecipients;
    }

    public void setMaxRecipients(Integer maxRecipients) {
        this.maxRecipients = maxRecipients;
    }

    public Long getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Integer getCommandTimeoutSeconds() {
        return commandTimeoutSeconds;
    }

    public void setCommandTimeoutSeconds(Integer commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public Integer getDataBlockTimeoutSeconds() {
        return dataBlockTimeoutSeconds;
    }

    public void setDataBlockTimeoutSeconds(Integer dataBlockTimeoutSeconds) {
        this.dataBlockTimeoutSeconds = dataBlockTimeoutSeconds;
    }

    public Integer getDataTotalTimeoutSeconds() {
        return dataTotalTimeoutSeconds;
    }

    public void setDataTotalTimeoutSeconds(Integer dataTotalTimeoutSeconds) {
        this.dataTotalTimeoutSeconds = dataTotalTimeoutSeconds;
    }

    public Integer getSpoolThreshold() {
        return spoolThreshold;
    }

    public void setSpoolThreshold(Integer spoolThreshold) {
        this.spoolThreshold = spoolThreshold;
    }

    public String getSpoolDirectory() {
        return spoolDirectory;
    }

    public void setSpoolDirectory(String spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    public String getTls() {
        return tls;
    }

    /** OFF, OFFER (the default) or REQUIRE (no MAIL before STARTTLS). */
    public void setTls(String tls) {
        this.tls = tls;
    }

    public String getTlsKeyStore() {
        return tlsKeyStore;
    }

    public void setTlsKeyStore(String tlsKeyStore) {
        this.tlsKeyStore = tlsKeyStore;
    }

    public String getTlsKeyStorePassword() {
        return tlsKeyStorePassword;
    }

    public void setTlsKeyStorePassword(String tlsKeyStorePassword) {
        this.tlsKeyStorePassword = tlsKeyStorePassword;
    }

    public String getProxyTrusted() {
        return proxyTrusted;
    }

    /** Load balancers (addresses or CIDR blocks, comma-separated) that send a PROXY protocol header. */
    public void setProxyTrusted(String proxyTrusted) {
        this.proxyTrusted = proxyTrusted;
    }

    public String getAuth() {
        return auth;
    }

    /** OFF, TLS (the default: AUTH offered only after STARTTLS) or ALWAYS (also in plain text). */
    public void setAuth(String auth) {
        this.auth = auth;
    }

    public Integer getAuthFailureDelayMillis() {
        return authFailureDelayMillis;
    }

    public void setAuthFailureDelayMillis(Integer authFailureDelayMillis) {
        this.authFailureDelayMillis = authFailureDelayMillis;
    }

    public Integer getMaxAuthFailures() {
        return maxAuthFailures;
    }

    public void setMaxAuthFailures(Integer maxAuthFailures) {
        this.maxAuthFailures = maxAuthFailures;
    }
}
