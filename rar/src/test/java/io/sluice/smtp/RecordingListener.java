package io.sluice.smtp;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Attributes;
import io.sluice.api.Decision;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.smtp.io.Spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A listener for engine tests: accepts by default and records what it was given. */
final class RecordingListener implements SmtpListener {

    /** One message as the listener saw it. */
    record Received(Transaction transaction, byte[] content, boolean onDisk) {
        String text() {
            return new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    final List<Recipient> recipientCalls = new CopyOnWriteArrayList<>();
    final List<Received> messages = new CopyOnWriteArrayList<>();
    volatile BiFunction<Transaction, Recipient, Reply> recipientDecision =
            (t, r) -> Reply.of(ReplyCode.OK, EnhancedStatus.DESTINATION_OK, "Ok");
    volatile BiFunction<Transaction, MessageContent, Reply> messageDecision =
            (t, c) -> Reply.of(ReplyCode.OK, EnhancedStatus.OK, "Ok: queued as " + t.queueId());

    /** The policy key handed back with each accepted recipient. */
    volatile java.util.function.Function<Recipient, String> policyOf = r -> "policy-of-" + r.address();
    final List<Transaction> recipientTransactions = new CopyOnWriteArrayList<>();

    /** The attribute the recipient decisions attach: the policy key, as a gateway would. */
    static final Attributes.Key<String> POLICY = Attributes.Key.of("test.policy", String.class);

    @Override
    public Decision recipient(Transaction transaction, Recipient recipient) {
        recipientCalls.add(recipient);
        recipientTransactions.add(transaction);
        Reply reply = recipientDecision.apply(transaction, recipient);
        if (reply == null) {
            return null;
        }
        return reply.isPositive() ? new Decision.Accept(reply, Attributes.of(POLICY, policyOf.apply(recipient)))
                : Decision.of(reply);
    }

    /** How new connections are decided; each call records "fromSameAddress/total". */
    volatile io.sluice.api.ConnectDecision connectDecision = io.sluice.api.ConnectDecision.ACCEPT;
    final List<String> connects = new CopyOnWriteArrayList<>();

    @Override
    public io.sluice.api.ConnectDecision connect(io.sluice.api.ClientInfo client, int fromSameAddress, int total) {
        connects.add(fromSameAddress + "/" + total);
        return connectDecision;
    }

    /** HELO/EHLO: the names asked about, and the decision. */
    final List<String> heloCalls = new CopyOnWriteArrayList<>();
    volatile java.util.function.Function<io.sluice.api.ClientInfo, Decision> heloDecision = c -> Decision.ACCEPT;
    /** MAIL: the transactions asked about, and the decision. */
    final List<Transaction> mailCalls = new CopyOnWriteArrayList<>();
    volatile java.util.function.Function<Transaction, Decision> mailDecision = t -> Decision.ACCEPT;
    /** The phases this listener says it decides at. */
    volatile java.util.Set<io.sluice.api.Phase> phases = java.util.EnumSet.allOf(io.sluice.api.Phase.class);

    @Override
    public Decision helo(io.sluice.api.ClientInfo client) {
        heloCalls.add(client.helo());
        return heloDecision.apply(client);
    }

    @Override
    public Decision mail(Transaction transaction) {
        mailCalls.add(transaction);
        return mailDecision.apply(transaction);
    }

    @Override
    public java.util.Set<io.sluice.api.Phase> phases() {
        return phases;
    }

    /** user:password pairs that AUTH accepts. */
    final java.util.Set<String> accounts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<String> authAttempts = new CopyOnWriteArrayList<>();
    /** When set, every AUTH gets this answer instead. */
    volatile Reply authAnswer;

    @Override
    public Decision authenticate(io.sluice.api.ClientInfo client, String user, String password) {
        authAttempts.add(user);
        if (authAnswer != null) {
            return Decision.of(authAnswer);
        }
        return Decision.of(accounts.contains(user + ":" + password) ? Reply.of(235, "2.7.0", "ok")
                : Reply.of(535, "5.7.8", "no"));
    }

    @Override
    public Decision message(Transaction transaction, MessageContent content) {
        try (InputStream in = content.openStream()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length != content.size()) {
                throw new IllegalStateException("size " + content.size() + " but read " + bytes.length);
            }
            messages.add(new Received(transaction, bytes, ((Spool) content).isOnDisk()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Reply reply = messageDecision.apply(transaction, content);
        return reply == null ? null : Decision.of(reply);
    }
}
