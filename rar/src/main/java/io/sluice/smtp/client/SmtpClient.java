package io.sluice.smtp.client;

import io.sluice.api.ClientOrigin;
import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One persistent SMTP client session with the downstream server: connect and EHLO once, then any
 * number of transactions. All or nothing: DATA is only sent when MAIL and every RCPT were
 * accepted, so a transaction never reaches some recipients and not others.
 *
 * <p>After an I/O error, a timeout, a protocol error or a 421 the session is no longer
 * {@link #isUsable() usable} and must be closed. Not thread safe.
 */
public final class SmtpClient implements AutoCloseable {

    private final ClientSettings settings;
    private Socket socket;
    private ReplyReader replies;
    private OutputStream out;
    private static final Logger LOG = Logger.getLogger(SmtpClient.class.getName());

    private Capabilities capabilities = Capabilities.NONE;
    private ClientOrigin actingFor; // the client XCLIENT last made this session act for
    private boolean xclientRefused;
    private String tls; // the TLS version and cipher with the downstream, once STARTTLS is done
    private Reply greeting;
    private boolean usable = true;
    private boolean dirty; // a transaction was opened and not completed or reset

    private SmtpClient(ClientSettings settings, Socket socket) throws IOException {
        this.settings = settings;
        this.socket = socket;
        this.replies = new ReplyReader(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects, reads the greeting and says EHLO (HELO if EHLO is refused). */
    public static SmtpClient connect(ClientSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                    millis(settings.connectTimeout()));
            SmtpClient client = new SmtpClient(settings, socket);
            client.open();
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void open() throws IOException {
        socket.setSoTimeout(millis(settings.connectTimeout()));
        greeting = replies.read();
        if (greeting.code() != ReplyCode.SERVICE_READY) {
            throw new IOException("downstream refused the connection: " + greeting);
        }
        socket.setSoTimeout(millis(settings.commandTimeout()));
        Reply ehlo = command("EHLO " + settings.heloName());
        if (ehlo.code() == ReplyCode.OK) {
            capabilities = Capabilities.fromEhlo(ehlo.lines());
            startTls();
            return;
        }
        if (settings.tls() == DownstreamTls.REQUIRED) {
            throw new IOException("downstream refused EHLO, so no STARTTLS, which is required: " + ehlo);
        }
        Reply helo = command("HELO " + settings.heloName());
        if (helo.code() != ReplyCode.OK) {
            throw new IOException("downstream refused EHLO and HELO: " + helo);
        }
    }

    /**
     * STARTTLS (RFC 3207) as the settings ask; afterwards the session starts over with EHLO. With
     * {@code verify} the certificate must chain to a trusted root and name the host.
     */
    private void startTls() throws IOException {
        if (settings.tls() == DownstreamTls.OFF) {
            return;
        }
        if (!capabilities.has("STARTTLS")) {
            if (settings.tls() == DownstreamTls.REQUIRED) {
                throw new IOException("downstream offers no STARTTLS, which is required");
            }
            return;
        }
        Reply ready = command("STARTTLS");
        if (ready.code() != ReplyCode.SERVICE_READY) {
            if (settings.tls() == DownstreamTls.REQUIRED) {
                throw new IOException("downstream refused STARTTLS, which is required: " + ready);
            }
            return;
        }
        SSLSocket ssl = (SSLSocket) DownstreamTrust.context(settings.verify()).getSocketFactory()
                .createSocket(socket, settings.host(), settings.port(), true);
        ssl.setUseClientMode(true);
        ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (settings.verify()) {
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            ssl.setSSLParameters(p);
        }
        ssl.startHandshake();
        socket = ssl;
        replies = new ReplyReader(ssl.getInputStream());
        out = new BufferedOutputStream(ssl.getOutputStream(), 64 * 1024);
        tls = ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite();
        Reply ehlo = command("EHLO " + settings.heloName());
        if (ehlo.code() != ReplyCode.OK) {
            throw new IOException("downstream refused EHLO after STARTTLS: " + ehlo);
        }
        capabilities = Capabilities.fromEhlo(ehlo.lines());
    }

    /** The TLS version and cipher with the downstream, or {@code null} in plain text. */
    public String tls() {
        return tls;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public Reply greeting() {
        return greeting;
    }

    /** Whether the session can take another transaction. */
    public boolean isUsable() {
        return usable && !socket.isClosed();
    }

    /** Whether a transaction was left open (the pool resets it before reuse). */
    public boolean needsReset() {
        return dirty;
    }

    public Reply noop() throws RelayException {
        return guarded(() -> checked(command("NOOP")));
    }

    public Reply reset() throws RelayException {
        return guarded(() -> {
            Reply r = checked(command("RSET"));
            dirty = false;
            return r;
        });
    }

    /**
     * AUTH PLAIN (RFC 4954, RFC 4616) with the downstream, for checking a client's credentials;
     * 454 when the downstream offers no PLAIN authentication.
     */
    public Reply authenticate(String user, String password) throws RelayException {
        return guarded(() -> {
            String mechanisms = " " + capabilities.value("AUTH").toUpperCase(Locale.ROOT) + " ";
            if (!mechanisms.contains(" PLAIN ")) {
                return Reply.of(454, "4.7.0", "Temporary authentication failure: the mail server offers no AUTH PLAIN");
            }
            String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return checked(command("AUTH PLAIN " + token));
        });
    }

    /** {@code MAIL FROM:<>}, {@code RCPT TO}, {@code RSET}; the reply that decides (RCPT, or MAIL if refused). */
    public Reply verify(String recipient) throws RelayException {
        return guarded(() -> {
            List<Reply> r = pipeline(List.of("MAIL FROM:<>", "RCPT TO:<" + recipient + ">", "RSET"), true);
            dirty = r.size() < 3 || !r.get(2).isPositive();
            return r.get(0).isPositive() && r.size() > 1 ? r.get(1) : r.get(0);
        });
    }

    /** Relays one message; see {@link RelayResult}. */
    public RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException {
        return guarded(() -> transaction(envelope, content));
    }

    /**
     * MAIL and the RCPTs go in one pipelined group; DATA only follows once every one of them was
     * accepted. A refusal anywhere means RSET: nothing is delivered and the session stays usable.
     */
    private RelayResult transaction(RelayEnvelope envelope, MessageSource content) throws IOException {
        if (envelope.mailParameters().containsKey("SMTPUTF8") && !capabilities.has("SMTPUTF8")) {
            // sending it without SMTPUTF8 would be a lie about its addresses and header fields
            return new RelayResult(Reply.of(553, "5.6.7", "the mail server does not take SMTPUTF8 messages"),
                    List.of(), null, null);
        }
        boolean binary = "BINARYMIME".equalsIgnoreCase(envelope.mailParameters().get("BODY"));
        if (binary && !(capabilities.has("BINARYMIME") && capabilities.has("CHUNKING"))) {
            return new RelayResult(Reply.of(554, "5.6.3", "the mail server does not take binary MIME messages"),
                    List.of(), null, null);
        }
        introduce(envelope.origin());
        List<String> commands = new ArrayList<>(envelope.recipients().size() + 1);
        commands.add("MAIL FROM:<" + envelope.sender() + ">" + mailParameters(envelope.mailParameters(), content));
        for (String rcpt : envelope.recipients()) {
            commands.add("RCPT TO:<" + rcpt + ">" + rcptParameters(envelope.recipientParameters().get(rcpt)));
        }
        dirty = true;
        List<Reply> r = pipeline(commands, false);
        Reply mail = r.get(0);
        List<Reply> rcpts = r.subList(1, r.size());
        boolean allAccepted = r.size() == commands.size() && r.stream().allMatch(Reply::isPositive);
        if (!allAccepted) {
            resetAfterRefusal();
            return new RelayResult(mail, rcpts, null, null);
        }
        if (capabilities.has("CHUNKING")) {
            return new RelayResult(mail, rcpts, null, chunk(content));
        }
        Reply data = command("DATA");
        if (data.code() != ReplyCode.START_MAIL_INPUT) {
            resetAfterRefusal();
            return new RelayResult(mail, rcpts, data, null);
        }
        socket.setSoTimeout(millis(settings.dataTimeout()));
        DotStuffingOutputStream stuffer = new DotStuffingOutputStream(out);
        content.writeTo(stuffer);
        stuffer.finish();
        Reply done = checked(replies.read());
        socket.setSoTimeout(millis(settings.commandTimeout()));
        dirty = false;
        return new RelayResult(mail, rcpts, data, done);
    }

    /**
     * The content as one BDAT chunk (RFC 3030): exactly its octets, no dot-stuffing, so binary
     * content passes and the size is known in advance.
     */
    private Reply chunk(MessageSource content) throws IOException {
        write("BDAT " + content.size() + " LAST");
        socket.setSoTimeout(millis(settings.dataTimeout()));
        long[] written = {0};
        content.writeTo(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written[0] += len;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written[0]++;
            }
        });
        if (written[0] != content.size()) {
            throw new IOException("the message was " + written[0] + " octets, not the " + content.size() + " announced");
        }
        out.flush();
        Reply done = checked(replies.read());
        socket.setSoTimeout(millis(settings.commandTimeout()));
        dirty = !done.isPositive();
        if (dirty) {
            resetAfterRefusal();
        }
        return done;
    }

    /**
     * Tells the downstream who the client really is: XCLIENT (which makes the session act as if
     * that client had connected; the downstream greets again and wants a new EHLO) when it offers
     * it, else XFORWARD (for the next transaction only). A session that was made to act for a
     * client and now carries the gateway's own mail says so, so nothing the gateway writes is
     * judged as the last client's. Attributes the downstream does not list are left out.
     */
    private void introduce(ClientOrigin origin) throws IOException {
        if (capabilities.has("XCLIENT") && (origin != null || actingFor != null)) {
            ClientOrigin as = origin != null ? origin : new ClientOrigin(socket.getLocalAddress().getHostAddress(),
                    socket.getLocalPort(), settings.heloName(), "ESMTP", null);
            if (as.equals(actingFor)) {
                return;
            }
            if (xclientRefused) {
                return;
            }
            Reply r = checked(command(ForwardedClient.xclient(as, capabilities.value("XCLIENT"))));
            if (!r.isPositive()) {
                xclientRefused = true; // not authorized for this gateway: asking again per message helps nobody
                LOG.warning(() -> "downstream refused XCLIENT (" + r + "); it sees the gateway as the client");
                return;
            }
            if (r.code() == ReplyCode.SERVICE_READY) { // Postfix greets anew and wants EHLO again
                Reply ehlo = checked(command("EHLO " + settings.heloName()));
                if (ehlo.code() != ReplyCode.OK) {
                    throw new IOException("downstream refused EHLO after XCLIENT: " + ehlo);
                }
                capabilities = Capabilities.fromEhlo(ehlo.lines());
            }
            actingFor = origin;
        } else if (origin != null && capabilities.has("XFORWARD")) {
            Reply r = checked(command(ForwardedClient.xforward(origin, capabilities.value("XFORWARD"))));
            if (!r.isPositive()) {
                LOG.fine(() -> "downstream refused XFORWARD (" + r + ")");
            }
        }
    }

    /** NOTIFY and ORCPT when the downstream offers DSN (RFC 3461); without it they are left out. */
    private String rcptParameters(Map<String, String> given) {
        if (given == null || !capabilities.has("DSN")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String key : List.of("NOTIFY", "ORCPT")) {
            if (given.get(key) != null) {
                sb.append(' ').append(key).append('=').append(given.get(key));
            }
        }
        return sb.toString();
    }

    private String mailParameters(Map<String, String> given, MessageSource content) {
        StringBuilder sb = new StringBuilder();
        if (capabilities.has("DSN")) {
            for (String key : List.of("RET", "ENVID")) {
                if (given.get(key) != null) {
                    sb.append(' ').append(key).append('=').append(given.get(key));
                }
            }
        }
        if (capabilities.has("SIZE")) {
            sb.append(" SIZE=").append(content.size());
        }
        if (given.containsKey("SMTPUTF8") && capabilities.has("SMTPUTF8")) {
            sb.append(" SMTPUTF8");
        }
        String body = given.get("BODY");
        if (body != null && (body.equalsIgnoreCase("BINARYMIME") ? capabilities.has("BINARYMIME")
                : capabilities.has("8BITMIME"))) {
            sb.append(" BODY=").append(body);
        }
        return sb.toString();
    }

    /**
     * Sends the commands and collects their replies: all at once when the server offers PIPELINING
     * (RFC 2920), else one by one, stopping at the first refusal unless {@code all} is set.
     */
    private List<Reply> pipeline(List<String> commands, boolean all) throws IOException {
        List<Reply> result = new ArrayList<>(commands.size());
        if (capabilities.has("PIPELINING")) {
            for (String c : commands) {
                write(c);
            }
            out.flush();
            for (int i = 0; i < commands.size() && usable; i++) {
                result.add(checked(replies.read())); // after a 421 the server says no more (RFC 5321 §3.8)
            }
            return result;
        }
        for (String c : commands) {
            write(c);
            out.flush();
            Reply reply = checked(replies.read());
            result.add(reply);
            if (!usable || (!reply.isPositive() && !all)) {
                break;
            }
        }
        return result;
    }

    private void resetAfterRefusal() throws IOException {
        if (isUsable()) {
            dirty = !command("RSET").isPositive();
        }
    }

    private Reply command(String line) throws IOException {
        write(line);
        out.flush();
        return checked(replies.read());
    }

    private void write(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /** A 421 means the server is closing the session (RFC 5321 §3.8): this client is finished. */
    private Reply checked(Reply reply) {
        if (reply.code() == ReplyCode.SERVICE_NOT_AVAILABLE) {
            usable = false;
        }
        return reply;
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /**
     * Runs one operation; any I/O failure makes the session unusable and becomes a
     * {@link RelayException}. It is retryable when the server answered nothing at all and did not
     * merely time out: the typical pooled connection the server closed while it sat idle.
     */
    private <T> T guarded(Step<T> step) throws RelayException {
        if (!isUsable()) {
            throw new RelayException("downstream session is closed", true, null);
        }
        int answeredBefore = replies.count();
        try {
            return step.run();
        } catch (IOException e) {
            usable = false;
            closeSocket();
            boolean nothingAnswered = replies.count() == answeredBefore;
            String what = e instanceof SocketTimeoutException ? "timeout" : e.toString();
            throw new RelayException("downstream " + settings.host() + ":" + settings.port() + " failed: " + what,
                    nothingAnswered && !(e instanceof SocketTimeoutException), e);
        }
    }

    /** Says QUIT (briefly) and closes. */
    @Override
    public void close() {
        if (isUsable()) {
            try {
                socket.setSoTimeout(1000);
                write("QUIT");
                out.flush();
                replies.read();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        usable = false;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public String toString() {
        return "SmtpClient[" + settings.host() + ":" + settings.port() + " local=" + socket.getLocalPort() + "]";
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
