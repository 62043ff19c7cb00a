package io.sluice.ra.inbound;

import io.sluice.api.Decision;
import io.sluice.api.SmtpListener;
import io.sluice.api.Transaction;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoints are kept for the next call instead of released after each: what is reused, what is
 * released, and that none is used by two threads at once. The factory stands in for the
 * container's: each endpoint counts its calls and refuses any after its release, as WildFly's does.
 */
class EndpointListenerTest {

    /** A container's factory whose endpoints answer MAIL with the decision given, or throw. */
    static final class Factory implements MessageEndpointFactory {
        final List<Endpoint> created = new ArrayList<>();
        volatile Decision answer = Decision.ACCEPT;
        volatile CountDownLatch hold;
        final AtomicInteger inCall = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public synchronized MessageEndpoint createEndpoint(XAResource xa) {
            Endpoint e = new Endpoint(this);
            created.add(e);
            return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{SmtpListener.class, MessageEndpoint.class}, (proxy, method, args) -> e.invoke(method));
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
            return createEndpoint(xa);
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return SmtpListener.class;
        }

        synchronized int released() {
            return (int) created.stream().filter(e -> e.released).count();
        }
    }

    static final class Endpoint {
        final Factory factory;
        final AtomicInteger users = new AtomicInteger();
        volatile boolean released;
        int calls;

        Endpoint(Factory factory) {
            this.factory = factory;
        }

        Object invoke(Method method) throws InterruptedException {
            if (method.getName().equals("release")) {
                if (released) {
                    throw new IllegalStateException("released twice");
                }
                released = true;
                return null;
            }
            if (released) {
                throw new IllegalStateException("used after release");
            }
            if (users.incrementAndGet() != 1) {
                throw new IllegalStateException("two threads in one endpoint");
            }
            int now = factory.inCall.incrementAndGet();
            factory.mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                calls++;
                CountDownLatch hold = factory.hold;
                if (hold != null) {
                    hold.await(5, TimeUnit.SECONDS);
                }
                Decision d = factory.answer;
                if (d == null) {
                    throw new IllegalStateException("the bean failed");
                }
                return d;
            } finally {
                factory.inCall.decrementAndGet();
                users.decrementAndGet();
            }
        }
    }

    private static final Transaction NO_TRANSACTION = null;

    @Test
    void oneThreadsCallsShareOneEndpoint() {
        Factory factory = new Factory();
        EndpointListener listener = new EndpointListener(factory);
        for (int i = 0; i < 5; i++) {
            assertSame(factory.answer, listener.mail(NO_TRANSACTION));
        }
        assertEquals(1, factory.created.size());
        assertEquals(5, factory.created.get(0).calls);
        assertEquals(0, factory.released());
        listener.close();
        assertEquals(1, factory.released());
    }

    @Test
    void anEndpointACallFailedInIsReleasedNotKept() {
        Factory factory = new Factory();
        EndpointListener listener = new EndpointListener(factory);
        listener.mail(NO_TRANSACTION);
        factory.answer = null;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> listener.mail(NO_TRANSACTION));
        assertEquals("the bean failed", e.getMessage());
        assertEquals(1, factory.released());
        factory.answer = Decision.ACCEPT;
        listener.mail(NO_TRANSACTION);
        assertEquals(2, factory.created.size());
        assertEquals(1, factory.created.get(1).calls);
    }

    @Test
    void afterCloseEachCallReleasesItsEndpoint() {
        Factory factory = new Factory();
        EndpointListener listener = new EndpointListener(factory);
        listener.close();
        listener.mail(NO_TRANSACTION);
        listener.mail(NO_TRANSACTION);
        assertEquals(2, factory.created.size());
        assertEquals(2, factory.released());
    }

    @Test
    void callsAtOnceEachHaveTheirOwnEndpointAndTheIdleOnesAreBounded() throws Exception {
        Factory factory = new Factory();
        EndpointListener listener = new EndpointListener(factory);
        int threads = EndpointListener.IDLE_LIMIT + 4;
        factory.hold = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Decision>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> listener.mail(NO_TRANSACTION)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (factory.inCall.get() < threads && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(threads, factory.inCall.get());
            factory.hold.countDown();
            for (Future<Decision> f : calls) {
                assertSame(factory.answer, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads, factory.created.size());
        assertEquals(threads, factory.mostAtOnce.get());
        assertEquals(4, factory.released()); // those beyond the limit
        factory.hold = null;
        listener.mail(NO_TRANSACTION);
        assertEquals(threads, factory.created.size()); // a kept one served it
        listener.close();
        assertEquals(threads, factory.released());
        assertTrue(factory.created.stream().allMatch(e -> e.released));
    }
}
