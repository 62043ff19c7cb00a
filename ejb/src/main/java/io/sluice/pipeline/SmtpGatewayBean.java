package io.sluice.pipeline;

import io.sluice.api.ClientInfo;
import io.sluice.api.ConnectDecision;
import io.sluice.api.Decision;
import io.sluice.api.MessageContent;
import io.sluice.api.Phase;
import io.sluice.api.Recipient;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import io.sluice.health.DatabaseStatus;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.Pool;

import java.util.EnumSet;
import java.util.Set;

/**
 * The endpoint the resource adapter calls at each decision point of an SMTP session. Its return
 * value is the reply the client gets. Activation properties (port, limits) and the adapter binding
 * are in {@code META-INF/jboss-ejb3.xml}; the instance pool is sized by the project's CLI script.
 *
 * <p>Not transactional itself: relaying waits on the network, and the stages that write to the
 * database open their own transactions.
 *
 * <p>While the database could not be opened at start ({@link DatabaseStatus}), every transaction
 * gets a temporary failure at its first recipient, so clients keep their mail and try again
 * later; the greeting still comes, and EHLO, so a client sees why.
 */
@MessageDriven(name = "SmtpGatewayBean", messageListenerInterface = SmtpListener.class)
@Pool("sluice-mdb")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmtpGatewayBean implements SmtpListener {

    private static final Set<Phase> PHASES = EnumSet.of(Phase.CONNECT, Phase.AUTH, Phase.MAIL, Phase.RCPT,
            Phase.END_OF_DATA);

    @Inject
    MailPhase senders;

    @Inject
    RcptPhase recipients;

    @Inject
    EndOfDataPhase messages;

    @Inject
    AuthStage auth;

    @Inject
    ConnectPhase connections;

    @Inject
    DatabaseStatus database;

    @Override
    public ConnectDecision connect(ClientInfo client, int fromSameAddress, int total) {
        if (!database.usable()) {
            return ConnectDecision.ACCEPT; // the connection limits are settings in the database
        }
        return connections.connect(client, fromSameAddress, total);
    }

    @Override
    public Decision mail(Transaction transaction) {
        if (!database.usable()) {
            return Decision.ACCEPT; // the first recipient gets the temporary failure
        }
        return senders.check(transaction);
    }

    @Override
    public Decision recipient(Transaction transaction, Recipient recipient) {
        if (!database.usable()) {
            return Decision.temporaryFailure(GatewayReplies.DATABASE_DAMAGED);
        }
        return recipients.check(transaction, recipient);
    }

    @Override
    public Decision message(Transaction transaction, MessageContent content) {
        if (!database.usable()) {
            return Decision.temporaryFailure(GatewayReplies.DATABASE_DAMAGED);
        }
        return Decision.of(messages.handle(transaction, content));
    }

    @Override
    public Decision authenticate(ClientInfo client, String user, String password) {
        if (!database.usable()) {
            return Decision.temporaryFailure(GatewayReplies.DATABASE_DAMAGED_AUTH);
        }
        return Decision.of(auth.authenticate(client, user, password));
    }

    /** No decision at HELO yet: the engine need not call in there. */
    @Override
    public Set<Phase> phases() {
        return PHASES;
    }
}
