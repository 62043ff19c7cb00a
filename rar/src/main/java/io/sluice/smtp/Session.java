package io.sluice.smtp;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.api.MailParameters;
import io.sluice.api.Phase;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.smtp.extension.Extensions;
import io.sluice.smtp.extension.SessionView;
import io.sluice.smtp.io.CommandLine;
import io.sluice.smtp.io.ProxyHeader;
import io.sluice.smtp.io.SmtpInput;
import io.sluice.smtp.io.SmtpOutput;
import io.sluice.smtp.io.TlsFacts;
import io.sluice.smtp.io.Transport;
import io.sluice.smtp.io.WriteTimeoutException;
import io.sluice.smtp.server.ClientCounts;
import io.sluice.smtp.server.ServerStatistics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One SMTP connection, server side: reads commands, runs them through the command table
 * ({@link Verb}), and holds what lives as long as the connection: its state, the client's identity,
 * and what the connect decision said (limits, what the mail server behind offers), which the
 * extension units read through {@link SessionView}. The current transaction is
 * an {@link Envelope} that RSET, a new HELO/EHLO, the end of data and the end of the connection
 * replace. Runs on one thread from greeting to close (a platform or a virtual one: nothing here
 * blocks inside {@code synchronized}).
 */
public final class Session implements Runnable, SessionView {

    private static final Logger LOG = Logger.getLogger(Session.class.getName());
    /** Input buffer while waiting for commands: small, since idle connections can be many. */
    private static final int COMMAND_BUFFER = 1024;
    /** Input buffer while message content comes in: large reads. */
    private static final int CONTENT_BUFFER = 16 * 1024;
    private static final Duration PROXY_HEADER_TIMEOUT = Duration.ofSeconds(10);

    private final SmtpSettings settings;
    private final HostReplies host;
    private final ListenerCalls calls;
    private final QueueIdGenerator queueIds;
    private final Transport transport;
    private final Instant connectedAt;
    private String clientAddress; // the connection's, or the one a trusted load balancer named
    private int clientPort;

    private SmtpInput in;
    private SmtpOutput out;
    private Duration readTimeout;
    private SessionState state = SessionState.CONNECTED;
    private ClientInfo client;
    private Envelope envelope;
    private volatile boolean closing;
    private volatile boolean shutdownRequested;
    private boolean saidGoodbye;
    private String authUser;
    private final ClientCounts counts;
    private final ServerStatistics statistics;
    private final IntSupplier total;
    private int errors;
    private String counted; // the address this session is counted under
    private ConnectDecision admission = ConnectDecision.ACCEPT; // the session's limits and what the mail server offers
    private int authFailures;

    /**
     * @param counts     open connections per client address, shared by the server's sessions
     * @param total      how many sessions the server has open (this one included)
     * @param statistics the server's counters
     */
    public Session(SmtpSettings settings, HostReplies host, SmtpListener listener, QueueIdGenerator queueIds,
                   Transport transport, ClientCounts counts, IntSupplier total, ServerStatistics statistics) {
        this.counts = counts;
        this.total = total;
        this.statistics = statistics;
        this.settings = settings;
        this.host = host;
        this.calls = new ListenerCalls(listener);
        this.queueIds = queueIds;
        this.transport = transport;
        this.connectedAt = settings.clock().instant();
        InetSocketAddress remote = transport.remoteAddress();
        this.clientAddress = remote.getAddress().getHostAddress();
        this.clientPort = remote.getPort();
        this.client = clientInfo(null, false);
    }

    @Override
    public void run() {
        try {
            in = new SmtpInput(transport.input(), COMMAND_BUFFER, CONTENT_BUFFER);
            out = new SmtpOutput(transport.output());
            if (settings.isTrustedProxy(clientAddress) && !readProxyHeader()) {
                return;
            }
            LOG.fine(() -> "connect from " + clientAddress + ":" + clientPort);
            counted = clientAddress;
            int same = counts.opened(counted);
            ConnectDecision decision = calls.connect(logPrefix(), client, same, total.getAsInt());
            if (!admitted(decision)) {
                return;
            }
            reply(host.greeting());
            out.flush();
            while (!closing) {
                setReadTimeout(settings.commandTimeout());
                CommandLine line = in.readCommandLine(settings.maxCommandLineLength());
                if (line.status() == CommandLine.Status.END_OF_STREAM) {
                    break;
                }
                boolean endsGroup = handle(line);
                if (admission.maxErrors() > 0 && errors >= admission.maxErrors() && !closing) {
                    tooManyErrors();
                    break;
                }
                if (endsGroup || closing || !in.hasBufferedInput()) {
                    out.flush();
                }
            }
        } catch (WriteTimeoutException e) {
            // it sent commands without reading the replies: nothing more can be said to it
            LOG.info(() -> "closed the session with " + clientAddress + ": " + e.getMessage());
            statistics.sessionTimedOut();
        } catch (SocketTimeoutException e) {
            LOG.fine(() -> "timeout from " + clientAddress + ": " + e.getMessage());
            statistics.sessionTimedOut();
            replyAndFlushQuietly(host.timeout());
        } catch (IOException e) {
            if (!shutdownRequested) {
                LOG.fine(() -> "lost connection from " + clientAddress + ": " + e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session with " + clientAddress + " failed", e);
            replyAndFlushQuietly(Replies.LOCAL_ERROR);
        } finally {
            if (shutdownRequested && !saidGoodbye) {
                replyAndFlushQuietly(host.shuttingDown());
            }
            endTransaction();
            transport.close();
            if (counted != null) {
                counts.closed(counted);
            }
            LOG.fine(() -> "disconnect from " + clientAddress);
        }
    }

    /** Applies the connection decision: refusal, the greeting pause (early talkers), the error limit. */
    private boolean admitted(ConnectDecision decision) throws IOException {
        if (!decision.decision().accepted()) {
            LOG.info(() -> "refused a connection from " + clientAddress + ": " + decision.decision().reply());
            answer(decision.decision(), null);
            out.flush();
            return false;
        }
        if (decision.greetPauseMillis() > 0) {
            pause(Duration.ofMillis(decision.greetPauseMillis()));
            if (in.hasInputWaiting()) { // it did not wait for the greeting: not a real MTA
                LOG.info(() -> "refused an early talker from " + clientAddress);
                reply(Replies.EARLY_TALKER);
                out.flush();
                return false;
            }
        }
        admission = decision;
        return true;
    }

    private void tooManyErrors() throws IOException {
        LOG.info(() -> "closing the session with " + clientAddress + " after " + errors + " errors");
        out.flush();
        pause(Duration.ofMillis(admission.errorDelayMillis()));
        reply(host.tooManyErrors());
        out.flush();
        saidGoodbye = true;
    }

    /**
     * Waits as the settings' {@link Pauser} does; an interrupt (the server stopping) ends the wait
     * early and is kept for the code that follows.
     */
    public void pause(Duration duration) {
        try {
            settings.pauser().pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The PROXY header a trusted load balancer sends first: the real client's address replaces the
     * balancer's for everything that follows. Without a valid header the connection is dropped
     * unanswered, as HAProxy's specification asks.
     */
    private boolean readProxyHeader() throws IOException {
        String balancer = clientAddress;
        setReadTimeout(PROXY_HEADER_TIMEOUT);
        try {
            ProxyHeader header = ProxyHeader.read(in);
            if (header.sourceAddress() != null) {
                clientAddress = header.sourceAddress();
                clientPort = header.sourcePort();
                client = clientInfo(null, false);
            }
            LOG.fine(() -> "PROXY header from " + balancer + ": client " + clientAddress + ":" + clientPort);
            return true;
        } catch (ProxyHeader.Invalid e) {
            LOG.warning(() -> "dropped a connection from the load balancer " + balancer + ": " + e.getMessage());
            return false;
        }
    }

    /** Handles one line; returns whether the replies must be flushed now. */
    private boolean handle(CommandLine line) throws IOException {
        switch (line.status()) {
            case TOO_LONG:
                reply(Replies.COMMAND_TOO_LONG);
                return false;
            case BARE_LINE_ENDING:
                reply(Replies.BARE_LINE_ENDING_IN_COMMAND);
                return false;
            default:
                break;
        }
        String text = stripTrailingSpaces(line.text());
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        if (word.isEmpty()) {
            reply(Replies.EMPTY_COMMAND);
            return false;
        }
        if (word.equals("PROXY")) { // a PROXY header from someone not trusted to send one
            reply(Replies.PROXY_REFUSED);
            closing = true;
            return true;
        }
        Verb verb = Verb.lookup(word);
        if (verb == null) {
            reply(Replies.UNKNOWN_COMMAND);
            return false;
        }
        verb.run(this, space < 0 ? "" : text.substring(space + 1));
        return verb.endsPipelineGroup();
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    // ---- what command handlers use ----

    @Override
    public SmtpSettings settings() {
        return settings;
    }

    public HostReplies host() {
        return host;
    }

    public SessionState state() {
        return state;
    }

    public ClientInfo client() {
        return client;
    }

    public SmtpInput input() {
        return in;
    }

    public void reply(Reply reply) {
        if (reply.code() >= 500) {
            errors++; // refused commands count towards the session's error limit
        }
        out.write(reply);
    }

    public void flush() throws IOException {
        out.flush();
    }

    public void setReadTimeout(Duration timeout) throws IOException {
        if (!timeout.equals(readTimeout)) {
            transport.setReadTimeout(timeout);
            readTimeout = timeout;
        }
    }

    /**
     * HELO/EHLO: the listener decides about the client's name; if it accepts, the name is recorded
     * and any open transaction dropped (RFC 5321 §4.1.4); an authentication stands (RFC 4954 §4
     * only drops it with the connection or STARTTLS). Returns whether it accepted; if not, the
     * refusal has been answered.
     */
    public boolean greet(String helo, boolean esmtp) {
        ClientInfo named = clientInfo(helo, esmtp);
        Decision decision = decide(Phase.HELO, l -> l.helo(named));
        if (!decision.accepted()) {
            answer(decision, null);
            return false;
        }
        endTransaction();
        client = named;
        state = SessionState.GREETED;
        return true;
    }

    @Override
    public boolean tlsActive() {
        return transport.tls() != null;
    }

    @Override
    public boolean authenticated() {
        return authUser != null;
    }

    @Override
    public boolean mailServerOffers(String keyword) {
        return admission.mailServerExtensions().contains(keyword);
    }

    @Override
    public boolean offers(String keyword) {
        return Extensions.offered(keyword, this);
    }

    /** AUTH succeeded: the session belongs to {@code user} from now on. */
    public void authenticated(String user) {
        authUser = user;
        client = clientInfo(client.helo(), client.esmtp());
        LOG.fine(() -> "client " + clientAddress + " authenticated as " + user);
    }

    /** AUTH failed once more; returns how many times in this session. */
    public int authFailed() {
        return ++authFailures;
    }

    /** Ends the session after the replies written so far (e.g. after too many failed AUTHs). */
    public void closeAfterReply() {
        closing = true;
    }

    /** Whether the client must still do STARTTLS before MAIL. */
    public boolean tlsRequired() {
        return settings.tlsMode() == TlsMode.REQUIRE && transport.tls() == null;
    }

    /**
     * STARTTLS, after the 220 went out: whatever the client sent after the command in plain text
     * is thrown away unread (it could have been injected by a man in the middle: CVE-2011-0411),
     * the handshake runs, and the session starts over as if just connected (RFC 3207 §4.2): the
     * client must say EHLO again and nothing it said before counts.
     *
     * @throws IOException the handshake failed; the session ends
     */
    public void startTls() throws IOException {
        in.discardBuffered();
        transport.startTls(settings.tlsContext());
        in = new SmtpInput(transport.input(), COMMAND_BUFFER, CONTENT_BUFFER);
        out = new SmtpOutput(transport.output());
        readTimeout = null;
        endTransaction();
        state = SessionState.CONNECTED;
        authUser = null;
        client = clientInfo(null, false);
        LOG.fine(() -> "TLS with " + clientAddress + ": " + transport.tls());
    }

    /**
     * MAIL: opens a transaction, assigns its queue id and asks the listener; answers the command
     * either way. A refused transaction is closed again.
     */
    public void beginTransaction(String sender, MailParameters parameters) {
        endTransaction();
        envelope = new Envelope(queueIds.next(), sender, parameters, settings.clock().instant());
        state = SessionState.MAIL;
        LOG.fine(() -> envelope.queueId() + ": client=" + clientAddress + " from=<" + sender + ">");
        Decision decision = decide(Phase.MAIL, l -> l.mail(transaction()));
        if (decision.accepted()) {
            envelope.addAttributes(decision.attributes());
        } else {
            endTransaction();
        }
        answer(decision, Replies.SENDER_OK);
    }

    /** The open transaction, or {@code null}. */
    public Envelope envelope() {
        return envelope;
    }

    public Transaction transaction() {
        return envelope.snapshot(client);
    }

    /** RCPT accepted: the transaction now has at least one recipient. */
    public void recipientAccepted() {
        state = SessionState.RCPT;
    }

    /** Ends the open transaction, if any, and releases its spool. */
    public void endTransaction() {
        if (envelope != null) {
            envelope.close();
            envelope = null;
        }
        if (state != SessionState.CONNECTED) {
            state = SessionState.GREETED;
        }
    }

    /** The listener's decision at {@code phase} (see {@link ListenerCalls}). */
    public Decision decide(Phase phase, Function<SmtpListener, Decision> call) {
        return calls.decide(logPrefix(), phase, call);
    }

    /**
     * The one place a decision becomes the client's reply: an accept's own reply or else
     * {@code acceptReply}, the refusal's reply as it is, and for a disconnection the reply (a 421
     * with the server's name in front, RFC 5321 §4.2) and the end of the session.
     */
    public void answer(Decision decision, Reply acceptReply) {
        if (decision instanceof Decision.Accept) {
            reply(decision.reply() != null ? decision.reply() : acceptReply);
        } else if (decision instanceof Decision.Disconnect) {
            Reply r = decision.reply();
            reply(r.code() == ReplyCode.SERVICE_NOT_AVAILABLE ? host.named(r) : r);
            closeAfterReply();
        } else {
            reply(decision.reply());
        }
    }

    private String logPrefix() {
        return envelope != null ? envelope.queueId() + ": " : "client " + clientAddress + ": ";
    }

    /** QUIT: the session closes after flushing the reply. */
    public void quit() {
        saidGoodbye = true;
        closing = true;
    }

    // ---- from other threads ----

    /**
     * Asks the session to end (server shutdown), from another thread: its input is shut, so a
     * session waiting for a command ends at once and one in the middle of a command finishes it
     * (a message being relayed still gets its answer); either way the client is told 421 last.
     */
    public void shutdown() {
        shutdownRequested = true;
        closing = true;
        transport.shutdownInput();
    }

    /** Drops the connection without further ado (a session that did not end after {@link #shutdown()}). */
    public void abort() {
        transport.abort();
    }

    public String clientAddress() {
        return clientAddress;
    }

    private void replyAndFlushQuietly(Reply reply) {
        if (out == null) {
            return;
        }
        try {
            out.write(reply);
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // the connection is going away; the reply was a courtesy
        }
    }

    private ClientInfo clientInfo(String helo, boolean esmtp) {
        InetSocketAddress local = transport.localAddress();
        TlsFacts tls = transport.tls();
        return new ClientInfo(clientAddress, clientPort, local.getAddress().getHostAddress(), local.getPort(), helo,
                esmtp, settings.hostname(), connectedAt, tls == null ? null : tls.protocol(),
                tls == null ? null : tls.cipher(), authUser);
    }
}
