package io.sluice.smtp.client;

import io.sluice.api.AuthReplies;
import io.sluice.api.ClientOrigin;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.MessageSource;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.smtp.extension.Extensions;
import io.sluice.smtp.extension.RelayView;
import io.sluice.smtp.io.WriteWatchdog;

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
import java.util.logging.Logger;

/**
 * One persistent SMTP client session with the downstream server: connect and EHLO once, then any
 * number of transactions. All or nothing: DATA is only sent when MAIL and every RCPT were
 * accepted, so a transaction never reaches some recipients and not others.
 *
 * <p>After an I/O error, a timeout, a protocol error or a 421 the session is no longer
 * {@link #isUsable() usable} and must be closed. Not thread safe.
 *
 * <p>Identity: with XCLIENT the session acts for one client at a time, and a transaction only ever
 * goes out under the identity of the client it came from. {@link #canActFor} tells whether the
 * session can be switched to a given client; when it cannot (the mail server no longer offers
 * XCLIENT after acting for someone, or refused it), the caller must use another session.
 */
public final class SmtpClient implements AutoCloseable {

    private final ClientSettings settings;
    private final Socket tcp; // under any TLS layer: what the write deadline closes
    private final WriteWatchdog.Deadline writes;
    private Socket socket;
    private ReplyReader replies;
    private OutputStream out;
    private static final Logger LOG = Logger.getLogger(SmtpClient.class.getName());

    private Capabilities capabilities = Capabilities.NONE;
    private ClientOrigin actingFor; // the client XCLIENT last made this session act for
    private boolean actedForClient; // once it acted for a client, it never carries the gateway's own mail
    private boolean retired; // it cannot be made to act for anyone new: the next caller gets a fresh session
    private String tls; // the TLS version and cipher with the downstream, once STARTTLS is done
    private Reply greeting;
    private boolean usable = true;
    private boolean dirty; // a transaction was opened and not completed or reset
    private ClientOrigin readying; // XCLIENT went out ahead for this client; the replies are still to be read
    private Reply readyingXclient; // its reply, once advance() read it
    private String readyingEhlo; // the EHLO name advance() sent after that reply's 220

    private SmtpClient(ClientSettings settings, Socket socket) throws IOException {
        this.settings = settings;
        this.tcp = socket;
        this.socket = socket;
        // a mail server that stops reading must not hold the relay (and the client waiting on it) for ever
        this.writes = WriteWatchdog.SHARED.deadline(settings.commandTimeout(), this::abort);
        this.replies = new ReplyReader(socket.getInputStream());
        this.out = new BufferedOutputStream(writes.guard(socket.getOutputStream()), 64 * 1024);
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
        timeout(settings.connectTimeout());
        greeting = replies.read();
        if (greeting.code() != ReplyCode.SERVICE_READY) {
            throw new IOException("downstream refused the connection: " + greeting);
        }
        timeout(settings.commandTimeout());
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
        SSLSocket ssl = (SSLSocket) DownstreamTrust.context(settings.verify(), settings.trustStore()).getSocketFactory()
                .createSocket(socket, settings.host(), settings.port(), true);
        ssl.setUseClientMode(true);
        ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (settings.verify()) {
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            ssl.setSSLParameters(p);
        }
        writes.run(() -> {
            ssl.startHandshake();
            return null;
        });
        socket = ssl;
        replies = new ReplyReader(ssl.getInputStream());
        out = new BufferedOutputStream(writes.guard(ssl.getOutputStream()), 64 * 1024);
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
        return guarded(() -> {
            finishReadying();
            return checked(command("NOOP"));
        });
    }

    public Reply reset() throws RelayException {
        return guarded(() -> {
            finishReadying();
            Reply r = checked(command("RSET"));
            dirty = false;
            return r;
        });
    }

    /**
     * AUTH PLAIN (RFC 4954, RFC 4616) with the downstream, for checking a client's credentials,
     * acting for that client first when the mail server offers XCLIENT, so its own failure limits and
     * logs see the client; 454 when it offers no PLAIN authentication or refuses the client's identity.
     */
    public Reply authenticate(ClientOrigin origin, String user, String password) throws RelayException {
        return guarded(() -> {
            if (origin != null && capabilities.has("XCLIENT")) {
                Reply refused = actFor(origin);
                if (refused != null) {
                    return AuthReplies.temporaryFailure(refused.text());
                }
            }
            String mechanisms = " " + capabilities.value("AUTH").toUpperCase(Locale.ROOT) + " ";
            if (!mechanisms.contains(" PLAIN ")) {
                return AuthReplies.temporaryFailure("the mail server offers no AUTH PLAIN");
            }
            String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return checked(command("AUTH PLAIN " + token));
        });
    }

    /**
     * Asks whether the mail server would take the probe's (one) recipient from its sender, acting
     * for its client exactly as the relay will: {@code MAIL}, {@code RCPT}, {@code RSET}. The reply
     * that decides: RCPT's, or MAIL's if MAIL was refused, or why the session could not act for the
     * client.
     */
    public Reply verify(RelayEnvelope probe) throws RelayException {
        return guarded(() -> {
            Reply unfit = unfit(probe);
            if (unfit != null) {
                return unfit;
            }
            Reply refused = actFor(probe.origin());
            if (refused != null) {
                return refused;
            }
            String recipient = probe.recipients().get(0);
            List<Reply> r = pipeline(List.of("MAIL FROM:<" + probe.sender() + ">" + Extensions.mailParameters(probe.mail(), relayView(-1)),
                    "RCPT TO:<" + recipient + ">", "RSET"), true);
            dirty = r.size() < 3 || !r.get(2).isPositive();
            return r.get(0).isPositive() && r.size() > 1 ? r.get(1) : r.get(0);
        });
    }

    /**
     * Whether this session can carry a transaction for {@code origin} ({@code null}: the gateway's
     * own mail) without carrying anybody else's identity into it. A session that acted for a client
     * never carries the gateway's mail again; one that acts for a client can only switch to another
     * while the mail server still offers XCLIENT (Postfix re-checks its permission against the client
     * it now acts for).
     */
    public boolean canActFor(ClientOrigin origin) {
        if (!isUsable() || retired) {
            return false;
        }
        if (origin == null) {
            return !actedForClient;
        }
        return origin.equals(actingFor) || !actedForClient || capabilities.has("XCLIENT");
    }

    /** Relays one message; see {@link RelayResult}. */
    public RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException {
        return guarded(() -> transaction(envelope, content));
    }

    /**
     * MAIL and the RCPTs go in one pipelined group; DATA only follows once every one of them was
     * accepted. A refusal anywhere means RSET: nothing is delivered and the session stays usable.
     *
     * <p>With one recipient DATA joins the group (RFC 2920 §3.1), a round trip less per message: a
     * server refuses DATA when it refused MAIL or the only RCPT, so all or nothing still holds. A
     * server that says 354 all the same gets no content: the connection is dropped, which ends the
     * transaction without delivering anything (RFC 5321 §4.1.1.4).
     */
    private RelayResult transaction(RelayEnvelope envelope, MessageSource content) throws IOException {
        Reply refused = unfit(envelope);
        if (refused == null) {
            refused = actFor(envelope.origin());
        }
        if (refused != null) {
            return new RelayResult(refused, List.of(), null, null);
        }
        List<String> commands = new ArrayList<>(envelope.recipients().size() + 1);
        RelayView relay = relayView(content.size());
        commands.add("MAIL FROM:<" + envelope.sender() + ">" + Extensions.mailParameters(envelope.mail(), relay));
        for (String rcpt : envelope.recipients()) {
            commands.add("RCPT TO:<" + rcpt + ">"
                    + Extensions.rcptParameters(envelope.recipientParameters().get(rcpt), relay));
        }
        int envelopeSize = commands.size();
        boolean chunking = capabilities.has("CHUNKING");
        boolean dataInGroup = !chunking && envelope.recipients().size() == 1 && capabilities.has("PIPELINING");
        if (dataInGroup) {
            commands.add("DATA");
        }
        dirty = true;
        List<Reply> r = pipeline(commands, false);
        Reply mail = r.get(0);
        List<Reply> rcpts = r.subList(1, Math.min(r.size(), envelopeSize));
        boolean allAccepted = r.size() >= envelopeSize && r.subList(0, envelopeSize).stream().allMatch(Reply::isPositive);
        Reply data = dataInGroup && r.size() > envelopeSize ? r.get(envelopeSize) : null;
        if (!allAccepted) {
            if (data != null && data.code() == ReplyCode.START_MAIL_INPUT) {
                usable = false; // the server waits for content that must not come
                closeSocket();
                return new RelayResult(mail, rcpts, null, null);
            }
            resetAfterRefusal();
            return new RelayResult(mail, rcpts, null, null);
        }
        if (chunking) {
            return new RelayResult(mail, rcpts, null, chunk(content));
        }
        if (!dataInGroup) {
            data = command("DATA");
        }
        if (data == null || data.code() != ReplyCode.START_MAIL_INPUT) {
            resetAfterRefusal();
            return new RelayResult(mail, rcpts, data, null);
        }
        timeout(settings.dataTimeout());
        DotStuffingOutputStream stuffer = new DotStuffingOutputStream(out);
        content.writeTo(stuffer);
        stuffer.finish();
        Reply done = checked(replies.read());
        timeout(settings.commandTimeout());
        dirty = false;
        return new RelayResult(mail, rcpts, data, done);
    }

    /**
     * The content as one BDAT chunk (RFC 3030): exactly its octets, no dot-stuffing, so binary
     * content passes and the size is known in advance.
     */
    private Reply chunk(MessageSource content) throws IOException {
        write("BDAT " + content.size() + " LAST");
        timeout(settings.dataTimeout());
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
        timeout(settings.commandTimeout());
        dirty = !done.isPositive();
        if (dirty) {
            resetAfterRefusal();
        }
        return done;
    }

    /** Why this session cannot take the envelope's message at all (an extension it needs), or {@code null}. */
    private Reply unfit(RelayEnvelope envelope) {
        return Extensions.unfitForRelay(envelope.mail(), relayView(-1));
    }

    /** What the extensions see of this session; {@code size} is the message's, -1 for a probe. */
    private RelayView relayView(long size) {
        Capabilities offered = capabilities;
        boolean encrypted = tls != null;
        return new RelayView() {
            @Override
            public boolean offers(String keyword) {
                return offered.has(keyword);
            }

            @Override
            public boolean tls() {
                return encrypted;
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    /**
     * Makes the mail server see the real client for the next transaction: XCLIENT (the session then
     * acts as if that client had connected; Postfix greets anew and wants EHLO again) when offered,
     * else XFORWARD (for the next transaction, and only for its logs). Attributes it does not list
     * are left out. The gateway's own mail ({@code origin} null) needs nothing: it only ever goes on
     * a session that never acted for a client.
     *
     * @return {@code null} when the session now acts for {@code origin}; otherwise the reply that
     * refuses the transaction, and the session is retired: nothing is ever sent under the wrong
     * identity, and no client's mail goes without its identity while the mail server asks for it
     */
    private Reply actFor(ClientOrigin origin) throws IOException {
        ClientOrigin readied = readying;
        if (readied != null) {
            Reply refused = finishReadying();
            if (readied.equals(origin)) {
                return refused;
            }
        }
        if (!canActFor(origin)) {
            retired = true;
            return IDENTITY_LOST; // the pool checks canActFor first; this is the last line of defence
        }
        if (origin == null || origin.equals(actingFor)) {
            return null;
        }
        if (capabilities.has("XCLIENT")) {
            sendXclient(origin);
            return finishReadying();
        }
        if (capabilities.has("XFORWARD")) {
            Reply r = checked(command(ForwardedClient.xforward(origin, capabilities.value("XFORWARD"))));
            if (!r.isPositive()) {
                retired = true;
                LOG.warning(() -> "downstream refused XFORWARD for " + origin.address() + " (" + r
                        + "); the client's mail is not sent without its identity");
                return identityRefused("XFORWARD", r);
            }
        }
        return null; // the mail server asks for neither: it sees the gateway, as it chose to
    }

    /**
     * After XCLIENT's reply (and the EHLO its 220 asks for): the session acts for {@code origin}
     * ({@code null} returned), or the reply that refuses the transaction, the session retired.
     */
    private Reply xclientAnswered(ClientOrigin origin, Reply r) {
        if (r.code() != ReplyCode.SERVICE_READY && r.code() != ReplyCode.OK) {
            retired = true;
            LOG.warning(() -> "downstream refused XCLIENT for " + origin.address() + " (" + r
                    + "); the client's mail is not sent without its identity");
            return identityRefused("XCLIENT", r);
        }
        actingFor = origin;
        return null;
    }

    /**
     * The name for the EHLO after XCLIENT: the client's own HELO name, which replaces the one
     * XCLIENT gave in Postfix's logs and Received: header, unless the mail server could not take it
     * in EHLO (a space in it, say); then the gateway's, so the client's mail still goes.
     */
    private String ehloName(ClientOrigin origin) {
        String helo = ForwardedClient.helo(origin);
        return helo == null || helo.isEmpty() || !helo.chars().allMatch(c -> c > ' ' && c < 127)
                ? settings.heloName() : helo;
    }

    /** The reply to the EHLO after XCLIENT: a refused client name gives way to the gateway's. */
    private void greeted(Reply ehlo, String name) throws IOException {
        if (ehlo.code() != ReplyCode.OK && usable && !name.equals(settings.heloName())) {
            ehlo = checked(command("EHLO " + settings.heloName()));
        }
        if (ehlo.code() != ReplyCode.OK) {
            throw new IOException("downstream refused EHLO after XCLIENT: " + ehlo);
        }
        capabilities = Capabilities.fromEhlo(ehlo.lines());
    }

    /**
     * Starts making the session act for {@code origin} without waiting for the mail server: XCLIENT
     * goes out now, and its reply is read by {@link #advance} or by the next operation, so these
     * round trips overlap the caller's own work (the scan of the message they are for). Nothing is
     * sent when nothing has to be: the session acts for the client already, the mail server offers
     * no XCLIENT, or the session cannot act for the client at all (the operation then gets a fresh
     * one). The mail server never sees a command before the reply to the one before it (Postfix
     * refuses that after XCLIENT). A session that fails here is closed; whoever uses it next finds
     * it unusable.
     */
    public void readyFor(ClientOrigin origin) {
        if (origin == null || readying != null || origin.equals(actingFor) || !canActFor(origin)
                || !capabilities.has("XCLIENT")) {
            return;
        }
        try {
            guarded(() -> {
                sendXclient(origin);
                return null;
            });
        } catch (RelayException e) {
            LOG.fine(() -> "downstream session failed while readied for " + origin.address() + ": " + e.getMessage());
        }
    }

    /**
     * XCLIENT for {@code origin}, its reply not read: {@link #finishReadying} (at once, or after the
     * caller's own work) reads it and says the EHLO a {@code 220} asks for.
     */
    private void sendXclient(ClientOrigin origin) throws IOException {
        actedForClient = true; // whatever the answer, this session is no longer the gateway's alone
        actingFor = null;
        readying = origin;
        write(ForwardedClient.xclient(origin, capabilities.value("XCLIENT")));
        out.flush();
    }

    /**
     * Takes a readying as far as the replies already received allow, without waiting: once XCLIENT's
     * {@code 220} is in, the EHLO goes out. Does nothing if no readying is under way.
     */
    public void advance() {
        if (readying == null || readyingXclient != null) {
            return;
        }
        try {
            guarded(() -> {
                if (!replies.ready()) {
                    return null;
                }
                Reply r = checked(replies.read());
                readyingXclient = r;
                if (r.code() == ReplyCode.SERVICE_READY && usable) {
                    readyingEhlo = ehloName(readying);
                    write("EHLO " + readyingEhlo);
                    out.flush();
                }
                return null;
            });
        } catch (RelayException e) {
            LOG.fine(() -> "downstream session failed while readied: " + e.getMessage());
        }
    }

    /**
     * Reads what XCLIENT (readied or just sent) still waits for and finishes it: the reply that
     * refuses the client, or {@code null} when the session now acts for it (also when nothing was
     * under way).
     */
    private Reply finishReadying() throws IOException {
        ClientOrigin origin = readying;
        if (origin == null) {
            return null;
        }
        Reply xclient = readyingXclient;
        String ehlo = readyingEhlo;
        readying = null;
        readyingXclient = null;
        readyingEhlo = null;
        if (xclient == null) {
            xclient = checked(replies.read());
        }
        if (xclient.code() == ReplyCode.SERVICE_READY) { // Postfix greets anew and wants EHLO again
            if (ehlo == null) {
                ehlo = ehloName(origin);
                write("EHLO " + ehlo);
                out.flush();
            }
            greeted(checked(replies.read()), ehlo);
        }
        return xclientAnswered(origin, xclient);
    }

    /** The client's answer when the mail server would not take its identity: try again later. */
    private static Reply identityRefused(String command, Reply r) {
        return Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.TEMPORARY_POLICY,
                "Error: the mail server did not accept the client's identity (" + command + ": " + r.code()
                        + (r.status() != null ? " " + r.status() : "") + " " + r.text() + "), try again later");
    }

    private static final Reply IDENTITY_LOST = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.TEMPORARY_POLICY,
            "Error: the mail server session cannot act for this client, try again later");

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
                timeout(Duration.ofSeconds(1));
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
        abort();
    }

    /** Closes the TCP connection at once, from any thread: a write blocked in the TLS layer fails too. */
    private void abort() {
        try {
            tcp.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** How long each reply may take to come and each write to go out. */
    private void timeout(Duration d) throws IOException {
        socket.setSoTimeout(millis(d));
        writes.timeout(d);
    }

    @Override
    public String toString() {
        return "SmtpClient[" + settings.host() + ":" + settings.port() + " local=" + socket.getLocalPort() + "]";
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
