package io.sluice.ra.outbound;

import io.sluice.ra.SluiceResourceAdapter;
import io.sluice.smtp.client.ClientSettings;
import io.sluice.smtp.client.DownstreamTls;
import io.sluice.smtp.client.SmtpClient;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import javax.security.auth.Subject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes the physical connections of the relay pool: each is one SMTP session with the downstream
 * server. The container's pool (sized in the adapter's {@code ironjacamar.xml}) decides when to
 * create, reuse, validate (NOOP, in the background) and destroy them.
 */
public class RelayManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        ValidatingManagedConnectionFactory {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RelayManagedConnectionFactory.class.getName());

    // The documented defaults (README's configuration table), used when a property is not set;
    // ironjacamar.xml sets every one from a system property with the same default.
    private String host = "127.0.0.1";
    private Integer port = 10026;
    private String heloName;
    private Integer connectTimeoutSeconds = 10;
    private Integer commandTimeoutSeconds = 60;
    private Integer dataTimeoutSeconds = 600;
    // as configured, possibly empty: their defaults are DownstreamTls's
    private String tls;
    private String verifyCertificate;
    private String trustStore;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private final transient RelayPoolStatus status = new RelayPoolStatus(this);

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        status.register();
        return new RelayConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("the relay pool needs the application server's connection manager");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            SmtpClient client = SmtpClient.connect(clientSettings());
            status.created();
            LOG.fine(() -> "opened " + client + " offering " + client.capabilities());
            return new RelayManagedConnection(this, client);
        } catch (IOException e) {
            status.connectFailed();
            throw new CommException("cannot open an SMTP session with the downstream " + host + ":" + port + ": " + e, e);
        }
    }

    /** The settings of every new session with the downstream. */
    public ClientSettings clientSettings() {
        DownstreamTls mode = DownstreamTls.parse(tls);
        return new ClientSettings(host, port, heloName(), Duration.ofSeconds(connectTimeoutSeconds),
                Duration.ofSeconds(commandTimeoutSeconds), Duration.ofSeconds(dataTimeoutSeconds), mode,
                mode.verify(verifyCertificate), trustStore == null || trustStore.isBlank() ? null : Path.of(trustStore.trim()));
    }

    private String heloName() {
        if (heloName != null && !heloName.isBlank()) {
            return heloName.trim();
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Any pooled session is as good as any other: there is no per-caller state. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object c : candidates) {
            if (c instanceof RelayManagedConnection mc && mc.factory() == this && mc.isUsable()) {
                return mc;
            }
        }
        return null;
    }

    /** Background validation: a NOOP on each idle session; those that fail are destroyed. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) {
        Set invalid = new HashSet<>();
        for (Object c : connections) {
            if (c instanceof RelayManagedConnection mc && !mc.validate()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    RelayPoolStatus status() {
        return status;
    }

    public void unregisterStatus() {
        status.unregister();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
        if (ra instanceof SluiceResourceAdapter sluice) {
            sluice.register(this);
        }
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getHeloName() {
        return heloName;
    }

    public void setHeloName(String heloName) {
        this.heloName = heloName;
    }

    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public Integer getCommandTimeoutSeconds() {
        return commandTimeoutSeconds;
    }

    public void setCommandTimeoutSeconds(Integer commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public Integer getDataTimeoutSeconds() {
        return dataTimeoutSeconds;
    }

    public void setDataTimeoutSeconds(Integer dataTimeoutSeconds) {
        this.dataTimeoutSeconds = dataTimeoutSeconds;
    }

    // JCA 6.5.3.5: factories with the same configuration are equal
    @Override
    public boolean equals(Object o) {
        return o instanceof RelayManagedConnectionFactory f && Objects.equals(host, f.host)
                && Objects.equals(port, f.port) && Objects.equals(heloName, f.heloName)
                && Objects.equals(connectTimeoutSeconds, f.connectTimeoutSeconds)
                && Objects.equals(commandTimeoutSeconds, f.commandTimeoutSeconds)
                && Objects.equals(dataTimeoutSeconds, f.dataTimeoutSeconds) && Objects.equals(tls, f.tls)
                && Objects.equals(verifyCertificate, f.verifyCertificate) && Objects.equals(trustStore, f.trustStore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, heloName);
    }

    public String getTls() {
        return tls;
    }

    /** STARTTLS with the downstream: OFF, OPPORTUNISTIC or REQUIRED; empty for the default ({@link DownstreamTls#parse}). */
    public void setTls(String tls) {
        this.tls = tls;
    }

    public String getVerifyCertificate() {
        return verifyCertificate;
    }

    /**
     * Whether the downstream's certificate must chain to a trusted root and name the host: true,
     * false, or empty for the mode's default ({@link DownstreamTls#verify}).
     */
    public void setVerifyCertificate(String verifyCertificate) {
        this.verifyCertificate = verifyCertificate;
    }

    public String getTrustStore() {
        return trustStore;
    }

    /** A file of PEM certificates to trust instead of the JVM's roots when verifying; empty for the JVM's. */
    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }
}
