package io.sluice.quarantine;

import io.sluice.api.MessageSource;
import io.sluice.downstream.UnexpectedRelayConnection;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.RelayException;
import io.sluice.api.RelayResult;
import io.sluice.api.Reply;
import io.sluice.manage.ManageException;
import io.sluice.security.Scope;
import io.sluice.persistence.TestDatabase;
import io.sluice.downstream.Downstream;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Releases against a mail server that fails at each point a real one can: whether the message is
 * held again or becomes uncertain depends only on whether it can have reached the mail server.
 */
class QuarantineReleaseTest {

    private static final Reply OK = Reply.of(250, "2.0.0", "Ok: queued as D1");

    private TestDatabase db;
    private QuarantineStore store;
    private QuarantineService service;
    private final FakeMailServer mailServer = new FakeMailServer();

    /** How the fake mail server behaves for the next release. */
    enum Behaviour {
        TAKE, REFUSE_MAIL, REFUSE_AFTER_DATA, UNREACHABLE, DROP_BEFORE_DATA, DROP_DURING_DATA, DROP_AFTER_DATA
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.open("h2", null);
        store = QuarantineStoreTest.store(db);
        service = new QuarantineService();
        service.store = store;
        service.downstream = mailServer;
        QuarantineStoreTest.hold(store, "Q1", QuarantineStoreTest.manyRecipients(), "Offer");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private QuarantineState state() {
        return store.find("Q1").orElseThrow().state();
    }

    @Test
    void aMessageTheMailServerTakesIsReleasedToEveryRecipientAsGiven() {
        mailServer.next = Behaviour.TAKE;
        QuarantineService.Released r = service.release("Q1", false, "admin", false, Scope.EVERYTHING);
        assertEquals(QuarantineState.RELEASED, r.state());
        assertEquals(QuarantineState.RELEASED, state());
        assertEquals(List.of(QuarantineStoreTest.manyRecipients()), mailServer.envelopes.stream()
                .map(RelayEnvelope::recipients).toList());
        assertEquals("Subject: x\r\n\r\nHello\r\n", mailServer.received.toString());
        assertThrows(ManageException.Conflict.class, () -> service.release("Q1", false, "admin", true, Scope.EVERYTHING));
    }

    @Test
    void aMailboxOwnersReleaseGoesToThemOnceAndTheRestFollowLater() throws Exception {
        QuarantineStoreTest.hold(store, "Q2", List.of("Bob@example.com", "carol@example.com"), "Shared");
        Scope bob = new Scope.Mailbox("bob@example.com");
        mailServer.next = Behaviour.TAKE;
        assertEquals(QuarantineState.RELEASED, service.release("Q2", false, "bob", false, bob).state(),
                "released as far as bob can see");
        assertEquals(QuarantineState.HELD, store.find("Q2").orElseThrow().state(), "still held for carol");
        assertThrows(ManageException.Conflict.class, () -> service.release("Q2", false, "bob", false, bob));
        assertThrows(ManageException.Forbidden.class, () -> service.release("Q2", true, "bob", false, bob));
        assertThrows(ManageException.NotFound.class, () -> service.release("Q2", false, "dave", false,
                new Scope.Mailbox("dave@example.com")));
        mailServer.next = Behaviour.TAKE;
        assertEquals(QuarantineState.RELEASED, service.release("Q2", false, "admin", false, Scope.EVERYTHING).state());
        assertEquals(List.of(List.of("Bob@example.com"), List.of("carol@example.com")), mailServer.envelopes.stream()
                .map(RelayEnvelope::recipients).toList());
    }

    @Test
    void whatCertainlyDidNotReachTheMailServerIsHeldAgain() {
        for (Behaviour b : List.of(Behaviour.REFUSE_MAIL, Behaviour.REFUSE_AFTER_DATA, Behaviour.UNREACHABLE,
                Behaviour.DROP_BEFORE_DATA, Behaviour.DROP_DURING_DATA)) {
            mailServer.next = b;
            assertThrows(ManageException.Unavailable.class, () -> service.release("Q1", false, "admin", false, Scope.EVERYTHING),
                    b.name());
            assertEquals(QuarantineState.HELD, state(), b.name());
        }
        mailServer.next = Behaviour.TAKE;
        service.release("Q1", false, "admin", false, Scope.EVERYTHING);
        assertEquals(QuarantineState.RELEASED, state());
    }

    @Test
    void aConnectionLostAfterTheMessageWentOutLeavesItUncertainAndItIsNotSentAgainByItself() {
        mailServer.next = Behaviour.DROP_AFTER_DATA;
        ReleaseUncertain e = assertThrows(ReleaseUncertain.class, () -> service.release("Q1", false, "admin", false, Scope.EVERYTHING));
        assertTrue(e.getMessage().contains("may have reached the mail server"), e.getMessage());
        assertEquals(QuarantineState.RELEASE_UNCERTAIN, state());
        assertTrue(store.find("Q1").orElseThrow().releaseReply().startsWith("the connection failed after the "
                + "message was sent"));

        mailServer.next = Behaviour.TAKE;
        ManageException.Conflict refused = assertThrows(ManageException.Conflict.class,
                () -> service.release("Q1", false, "admin", false, Scope.EVERYTHING));
        assertTrue(refused.getMessage().contains("release it again with again=true"), refused.getMessage());
        assertEquals(1, mailServer.envelopes.size(), "no second delivery");
        assertEquals(0, service.releaseAll(QuarantineQuery.ALL, false, "admin").done().size(), "nor in bulk");

        service.release("Q1", false, "admin", true, Scope.EVERYTHING);
        assertEquals(QuarantineState.RELEASED, state());
        assertEquals(2, mailServer.envelopes.size(), "sent again, knowingly");
    }

    @Test
    void anUncertainReleaseCanBeMarkedReleasedOnlyThen() {
        assertThrows(ManageException.Conflict.class, () -> service.markReleased("Q1", "admin"));
        mailServer.next = Behaviour.DROP_AFTER_DATA;
        assertThrows(ReleaseUncertain.class, () -> service.release("Q1", false, "admin", false, Scope.EVERYTHING));
        QuarantinedMessage m = service.markReleased("Q1", "auditor");
        assertEquals(QuarantineState.RELEASED, m.state());
        assertEquals("auditor", m.releasedBy());
        assertTrue(m.releaseReply().startsWith("marked released by auditor; the release had ended with: the "
                + "connection failed after the message was sent"), m.releaseReply());
        assertThrows(ManageException.Conflict.class, () -> service.release("Q1", false, "admin", true, Scope.EVERYTHING));
    }

    /** The pool with one session to a mail server that does what {@link #next} says. */
    static final class FakeMailServer extends Downstream {
        volatile Behaviour next = Behaviour.TAKE;
        final List<RelayEnvelope> envelopes = new ArrayList<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public <T> T call(String what, Operation<T> operation) throws ResourceException, RelayException {
            if (next == Behaviour.UNREACHABLE) {
                throw new ResourceException("connection refused");
            }
            return operation.run(new Session());
        }

        private final class Session extends UnexpectedRelayConnection {
            @Override
            public RelayResult send(RelayEnvelope envelope, MessageSource content) throws RelayException {
                List<Reply> rcpts = envelope.recipients().stream().map(r -> Reply.of(250, "2.1.5", "Ok")).toList();
                Reply mail = Reply.of(250, "2.1.0", "Ok");
                Reply data = Reply.of(354, null, "End data with <CR><LF>.<CR><LF>");
                switch (next) {
                    case REFUSE_MAIL:
                        return new RelayResult(Reply.of(421, "4.3.2", "Shutting down"), List.of(), null, null);
                    case DROP_BEFORE_DATA:
                        throw new RelayException("connection lost", false, null);
                    case DROP_DURING_DATA:
                        try {
                            content.writeTo(new OutputStream() {
                                @Override
                                public void write(int b) throws IOException {
                                    throw new IOException("connection reset");
                                }
                            });
                        } catch (IOException e) {
                            throw new RelayException("connection lost", false, e);
                        }
                        throw new AssertionError("the content was written");
                    default:
                        break;
                }
                envelopes.add(envelope);
                received.reset();
                try {
                    content.writeTo(received);
                } catch (IOException e) {
                    throw new RelayException("reading the message", false, e);
                }
                return switch (next) {
                    case DROP_AFTER_DATA -> throw new RelayException("timeout", false, null);
                    case REFUSE_AFTER_DATA -> new RelayResult(mail, rcpts, data,
                            Reply.of(554, "5.7.1", "Message refused"));
                    default -> new RelayResult(mail, rcpts, data, OK);
                };
            }

            @Override
            public Set<String> extensions() {
                return Set.of();
            }

            @Override
            public void close() {
            }
        }
    }
}
