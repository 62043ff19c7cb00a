package io.sluice.smtp;

import io.sluice.api.Cidr;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.List;
import java.util.Objects;

/**
 * Everything that configures the SMTP server side: the listening address, the announced host name,
 * and the limits and timeouts of RFC 5321 §4.5.3. Immutable; built with {@link #builder()}, whose
 * defaults are the RFC's minimums and the gateway's documented defaults.
 */
public final class SmtpSettings {

    private final String bindAddress;
    private final int port;
    private final String hostname;
    private final int maxConnections;
    private final int maxCommandLineLength;
    private final int maxTextLineLength;
    private final int maxRecipients;
    private final long maxMessageSize;
    private final Duration commandTimeout;
    private final Duration dataBlockTimeout;
    private final Duration dataTotalTimeout;
    private final int spoolThreshold;
    private final Path spoolDirectory;
    private final TlsMode tlsMode;
    private final SSLContext tlsContext;
    private final List<Cidr> proxyTrusted;
    private final AuthMode authMode;
    private final Duration authFailureDelay;
    private final int maxAuthFailures;
    private final Clock clock;
    private final Pauser pauser;
    private final LongSupplier ticker;

    private SmtpSettings(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.hostname = b.hostname;
        this.maxConnections = b.maxConnections;
        this.maxCommandLineLength = b.maxCommandLineLength;
        this.maxTextLineLength = b.maxTextLineLength;
        this.maxRecipients = b.maxRecipients;
        this.maxMessageSize = b.maxMessageSize;
        this.commandTimeout = b.commandTimeout;
        this.dataBlockTimeout = b.dataBlockTimeout;
        this.dataTotalTimeout = b.dataTotalTimeout;
        this.spoolThreshold = b.spoolThreshold;
        this.spoolDirectory = b.spoolDirectory;
        this.tlsMode = b.tlsMode;
        this.tlsContext = b.tlsContext;
        this.proxyTrusted = List.copyOf(b.proxyTrusted);
        this.authMode = b.authMode;
        this.authFailureDelay = b.authFailureDelay;
        this.maxAuthFailures = b.maxAuthFailures;
        this.clock = b.clock;
        this.pauser = b.pauser;
        this.ticker = b.ticker;
        if (tlsMode != TlsMode.OFF && tlsContext == null) {
            throw new IllegalArgumentException("STARTTLS (" + tlsMode + ") needs a TLS context with a key");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    /** The name in the greeting, the EHLO reply and the Received: header. */
    public String hostname() {
        return hostname;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Command line limit including CRLF (RFC 5321 §4.5.3.1.4: 512). */
    public int maxCommandLineLength() {
        return maxCommandLineLength;
    }

    /** Text line limit including CRLF (RFC 5321 §4.5.3.1.6: 1000). */
    public int maxTextLineLength() {
        return maxTextLineLength;
    }

    /** Recipients per transaction (RFC 5321 §4.5.3.1.8 requires at least 100). */
    public int maxRecipients() {
        return maxRecipients;
    }

    /** Largest message accepted, advertised with SIZE (RFC 1870). */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** How long the server waits for a command (RFC 5321 §4.5.3.2.7: 5 minutes). */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** How long the server waits for each block of content (RFC 5321 §4.5.3.2.5: 3 minutes). */
    public Duration dataBlockTimeout() {
        return dataBlockTimeout;
    }

    /** How long the whole content transfer may take (RFC 5321 §4.5.3.2.6 uses 10 minutes). */
    public Duration dataTotalTimeout() {
        return dataTotalTimeout;
    }

    /** Content up to this size stays in memory; larger content is spooled to a file. */
    public int spoolThreshold() {
        return spoolThreshold;
    }

    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /** Whether STARTTLS is offered, required before MAIL, or off. */
    public TlsMode tlsMode() {
        return tlsMode;
    }

    /** The server's key and certificate for STARTTLS; {@code null} when it is off. */
    public SSLContext tlsContext() {
        return tlsContext;
    }

    public AuthMode authMode() {
        return authMode;
    }

    /** How long a failed AUTH waits before its reply: guessing passwords gets slow. */
    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    /** After this many failed AUTH attempts the session is closed. */
    public int maxAuthFailures() {
        return maxAuthFailures;
    }

    /** What the engine reads the time of day from: when a connection and a transaction began, the queue ids. */
    public Clock clock() {
        return clock;
    }

    /**
     * Elapsed time in nanoseconds, for whether a message's transfer is past its total time: the
     * system's monotonic {@link System#nanoTime()}, which a step of the wall clock does not move,
     * unless a test brings a clock of its own (then read from that clock).
     */
    public LongSupplier ticker() {
        return ticker;
    }

    /** How the engine waits: the greeting pause, the error delay, the failed-AUTH delay. */
    public Pauser pauser() {
        return pauser;
    }

    /** Load balancers whose connections start with a PROXY protocol header naming the real client. */
    public boolean isTrustedProxy(String address) {
        return Cidr.anyContains(proxyTrusted, address);
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + bindAddress + ":" + port + ", hostname=" + hostname + ", maxConnections="
                + maxConnections + ", maxMessageSize=" + maxMessageSize + ", maxRecipients=" + maxRecipients
                + ", commandTimeout=" + commandTimeout + ", dataBlockTimeout=" + dataBlockTimeout
                + ", dataTotalTimeout=" + dataTotalTimeout + ", spoolThreshold=" + spoolThreshold
                + ", spoolDirectory=" + spoolDirectory + ", tls=" + tlsMode + "]";
    }

    /**
     * Builder with the gateway's defaults: the documented ones (README's configuration table; a
     * test holds them and the deployment descriptors to each other). STARTTLS is offered by
     * default, so a builder given no key must turn it off.
     */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = 2525;
        private String hostname = "localhost";
        private int maxConnections = 1000;
        private int maxCommandLineLength = 512;
        private int maxTextLineLength = 1000;
        private int maxRecipients = 100;
        private long maxMessageSize = 50L * 1024 * 1024;
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataBlockTimeout = Duration.ofMinutes(3);
        private Duration dataTotalTimeout = Duration.ofMinutes(10);
        private int spoolThreshold = 256 * 1024;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"), "sluice-spool");
        private TlsMode tlsMode = TlsMode.OFFER;
        private SSLContext tlsContext;
        private List<Cidr> proxyTrusted = List.of();
        private AuthMode authMode = AuthMode.TLS;
        private Duration authFailureDelay = Duration.ofSeconds(2);
        private int maxAuthFailures = 3;
        private Clock clock = Clock.systemUTC();
        private Pauser pauser = Pauser.SLEEP;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        public Builder bindAddress(String v) {
            bindAddress = Objects.requireNonNull(v);
            return this;
        }

        public Builder port(int v) {
            port = requireRange("port", v, 0, 65535);
            return this;
        }

        public Builder hostname(String v) {
            hostname = Objects.requireNonNull(v);
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = requireRange("maxConnections", v, 1, Integer.MAX_VALUE);
            return this;
        }

        public Builder maxCommandLineLength(int v) {
            maxCommandLineLength = requireRange("maxCommandLineLength", v, 512, 65536);
            return this;
        }

        public Builder maxTextLineLength(int v) {
            maxTextLineLength = requireRange("maxTextLineLength", v, 1000, 1 << 20);
            return this;
        }

        public Builder maxRecipients(int v) {
            maxRecipients = requireRange("maxRecipients", v, 1, 100_000);
            return this;
        }

        public Builder maxMessageSize(long v) {
            if (v < 1024) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1024, got " + v);
            }
            maxMessageSize = v;
            return this;
        }

        public Builder commandTimeout(Duration v) {
            commandTimeout = requirePositive("commandTimeout", v);
            return this;
        }

        public Builder dataBlockTimeout(Duration v) {
            dataBlockTimeout = requirePositive("dataBlockTimeout", v);
            return this;
        }

        public Builder dataTotalTimeout(Duration v) {
            dataTotalTimeout = requirePositive("dataTotalTimeout", v);
            return this;
        }

        public Builder spoolThreshold(int v) {
            spoolThreshold = requireRange("spoolThreshold", v, 0, Integer.MAX_VALUE - 16);
            return this;
        }

        public Builder spoolDirectory(Path v) {
            spoolDirectory = Objects.requireNonNull(v);
            return this;
        }

        public Builder tls(TlsMode mode, SSLContext context) {
            return tlsMode(mode).tlsContext(context);
        }

        public Builder tlsMode(TlsMode mode) {
            tlsMode = Objects.requireNonNull(mode);
            return this;
        }

        /** The mode so far: whoever loads the key can skip it when STARTTLS is off. */
        public TlsMode tlsMode() {
            return tlsMode;
        }

        /** The server's key and certificate for STARTTLS. */
        public Builder tlsContext(SSLContext context) {
            tlsContext = context;
            return this;
        }

        public Builder auth(AuthMode mode, Duration failureDelay, int maxFailures) {
            return authMode(mode).authFailureDelay(failureDelay).maxAuthFailures(maxFailures);
        }

        public Builder authMode(AuthMode mode) {
            authMode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder authFailureDelay(Duration failureDelay) {
            if (failureDelay.isNegative()) {
                throw new IllegalArgumentException("authFailureDelay must not be negative");
            }
            authFailureDelay = failureDelay;
            return this;
        }

        public Builder maxAuthFailures(int maxFailures) {
            maxAuthFailures = requireRange("maxAuthFailures", maxFailures, 1, 1000);
            return this;
        }

        /** Addresses or CIDR blocks of load balancers that speak the PROXY protocol (v1 or v2). */
        public Builder proxyTrusted(List<Cidr> v) {
            proxyTrusted = List.copyOf(v);
            return this;
        }

        /** The engine's clock and way of waiting; the system's unless a test brings its own. */
        public Builder time(Clock c, Pauser p) {
            clock = Objects.requireNonNull(c);
            pauser = Objects.requireNonNull(p);
            ticker = () -> {
                Instant now = c.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            };
            return this;
        }

        public SmtpSettings build() {
            return new SmtpSettings(this);
        }

        private static int requireRange(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + v);
            }
            return v;
        }

        private static Duration requirePositive(String name, Duration v) {
            if (v == null || v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + v);
            }
            return v;
        }
    }
}
