package io.sluice.pipeline;

import io.sluice.downstream.Downstream;
import io.sluice.api.ClientInfo;
import io.sluice.api.RelayConnection;
import io.sluice.api.RelayException;
import io.sluice.api.Reply;
import io.sluice.config.Connections;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SettingsCache;
import io.sluice.policy.ConfigurationChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AUTH as the pipeline checks it: failures counted per client address across connections, with
 * a clock the test moves (no sleeps), and the one log line each failure leaves.
 */
class AuthStageTest {

    private static final String ATTACKER = "203.0.113.9";
    private static final String NEIGHBOUR = "198.51.100.7";
    private static final String OVER_LIMIT = "454 4.7.0 Error: too many authentication failures from 203.0.113.9; "
            + "try again later";

    private final AtomicLong now = new AtomicLong();
    private final SettingsCache settings = new SettingsCache();
    private final AuthFailures failures = new AuthFailures(now::get);
    /** The users the mail server was asked about, in order. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(AuthStage.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private volatile boolean mailServerDown;
    private final AuthStage stage = new AuthStage();

    @BeforeEach
    void wire() {
        limit(3, 600);
        failures.settings = settings;
        stage.failures = failures;
        stage.downstream = new Downstream() {
            @Override
            public <T> T call(String what, Operation<T> operation) throws RelayException {
                if (mailServerDown) {
                    throw new RelayException("connection refused", false, null);
                }
                return operation.run(mailServer());
            }
        };
        log.addHandler(capture);
        log.setLevel(Level.ALL);
    }

    @AfterEach
    void unwire() {
        log.removeHandler(capture);
        log.setLevel(null);
    }

    /** A mail server whose only account is ann:s3cret; whatever else the AUTH call passes, the last two are user and password. */
    private RelayConnection mailServer() {
        return (RelayConnection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RelayConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "authenticate" -> {
                        String user = (String) args[args.length - 2];
                        asked.add(user);
                        yield user.equals("ann") && args[args.length - 1].equals("s3cret")
                                ? Reply.of(235, "2.7.0", "Authentication successful")
                                : Reply.of(535, "5.7.8", "Error: authentication failed");
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private void limit(int failuresPerInterval, int intervalSeconds) {
        settings.replace(RuntimeSettings.DEFAULT.with(new Connections(0, 0, 0, 0, 0, Duration.ofMinutes(1), 20,
                Duration.ofSeconds(1), Duration.ZERO, failuresPerInterval, Duration.ofSeconds(intervalSeconds))));
    }

    private static ClientInfo client(String address) {
        return new ClientInfo(address, 40000, "192.0.2.25", 25, "client.example", true, "gateway.test",
                Instant.EPOCH, "TLSv1.3", "TLS_AES_256_GCM_SHA384", null);
    }

    private String auth(String address, String user, String password) {
        return stage.authenticate(client(address), user, password).toWire();
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    private List<String> lines(Level level) {
        return logged.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Test
    void overTheLimitTheMailServerIsNoLongerAskedEvenForTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertEquals("535 5.7.8 Error: authentication failed", auth(ATTACKER, "ann", "guess" + i));
        }
        assertEquals(OVER_LIMIT, auth(ATTACKER, "ann", "guess3"));
        assertEquals(OVER_LIMIT, auth(ATTACKER, "ann", "s3cret"));
        assertEquals(List.of("ann", "ann", "ann"), asked);
    }

    @Test
    void theLimitIsPerClientAddress() {
        for (int i = 0; i < 4; i++) {
            auth(ATTACKER, "ann", "guess" + i);
        }
        assertEquals("235 2.7.0 Authentication successful", auth(NEIGHBOUR, "ann", "s3cret"));
        assertEquals(4, asked.size());
    }

    @Test
    void theCountEndsWithItsInterval() {
        for (int i = 0; i < 3; i++) {
            auth(ATTACKER, "ann", "guess" + i);
        }
        advanceSeconds(599);
        assertEquals(OVER_LIMIT, auth(ATTACKER, "ann", "s3cret"));
        advanceSeconds(1);
        assertEquals("235 2.7.0 Authentication successful", auth(ATTACKER, "ann", "s3cret"));
        assertEquals(4, asked.size());
    }

    @Test
    void onlyRefusedCredentialsCountAndASuccessDoesNotWipeThem() {
        mailServerDown = true;
        for (int i = 0; i < 5; i++) {
            assertEquals("454 4.7.0 Temporary authentication failure", auth(ATTACKER, "ann", "s3cret"));
        }
        mailServerDown = false;
        auth(ATTACKER, "ann", "guess1");
        assertEquals("235 2.7.0 Authentication successful", auth(ATTACKER, "ann", "s3cret"));
        auth(ATTACKER, "bob", "guess2");
        assertEquals("235 2.7.0 Authentication successful", auth(ATTACKER, "ann", "s3cret"));
        auth(ATTACKER, "carol", "guess3");
        assertEquals(OVER_LIMIT, auth(ATTACKER, "ann", "s3cret"));
    }

    @Test
    void zeroMeansNoLimit() {
        limit(0, 600);
        for (int i = 0; i < 50; i++) {
            assertEquals("535 5.7.8 Error: authentication failed", auth(ATTACKER, "ann", "guess" + i));
        }
        assertEquals(50, asked.size());
    }

    @Test
    void aConfigurationChangeStartsTheCountsFromZero() {
        for (int i = 0; i < 3; i++) {
            auth(ATTACKER, "ann", "guess" + i);
        }
        limit(5, 600);
        failures.reset(new ConfigurationChanged("settings"));
        assertEquals("235 2.7.0 Authentication successful", auth(ATTACKER, "ann", "s3cret"));
    }

    @Test
    void attemptsInProgressHoldTheirPlaceSoParallelConnectionsCannotPassTheLimitTogether() {
        limit(2, 600);
        assertEquals(0, failures.begin(ATTACKER));
        assertEquals(0, failures.begin(ATTACKER));
        assertEquals(1, failures.begin(ATTACKER)); // both places taken while the mail server is asked
        failures.settle(ATTACKER, false);         // the first was no failure after all: its place is free
        assertEquals(0, failures.begin(ATTACKER));
        failures.settle(ATTACKER, true);
        failures.settle(ATTACKER, true);
        assertEquals(2, failures.begin(ATTACKER)); // the second refusal in this interval
    }

    @Test
    void eachFailureIsOneLineAndTheRefusalsOverTheLimitAreLoggedOncePerInterval() {
        auth(ATTACKER, "ann", "s3cret");
        for (int i = 0; i < 3; i++) {
            auth(ATTACKER, "ann", "guess" + i);
        }
        for (int i = 0; i < 5; i++) {
            auth(ATTACKER, "ann", "guess");
        }
        String invalid = "AUTH failed: client=203.0.113.9 user=ann reason=invalid-credentials (mail server: "
                + "535 5.7.8 Error: authentication failed)";
        String tooMany = "AUTH failed: client=203.0.113.9 user=ann reason=too-many-failures";
        assertEquals(List.of(invalid, invalid, invalid, tooMany), lines(Level.WARNING));
        assertEquals(List.of(tooMany, tooMany, tooMany, tooMany), lines(Level.FINE));
        advanceSeconds(600);
        for (int i = 0; i < 4; i++) {
            auth(ATTACKER, "ann", "guess");
        }
        assertEquals(8, lines(Level.WARNING).size());
    }

    static Stream<Arguments> userNames() {
        return Stream.of(
                Arguments.of("ann", "ann"),
                Arguments.of("ann@example.com", "ann@example.com"),
                Arguments.of("jürgen", "jürgen"),
                // a forged second line, and forged fields on this one
                Arguments.of("x\r\nAUTH failed: client=6.6.6.6 user=y reason=z",
                        "x??AUTH?failed:?client=6.6.6.6?user=y?reason=z"),
                Arguments.of("x\n2026-01-05 10:11:12,345 WARN", "x?2026-01-05?10:11:12,345?WARN"),
                Arguments.of("a reason=invalid-credentials", "a?reason=invalid-credentials"),
                Arguments.of("tab\there\u000bvt\u0085nel", "tab?here?vt?nel"),
                Arguments.of("line\u2028para\u2029nbsp\u00a0zw\u200bbidi\u202e", "line?para?nbsp?zw?bidi?"),
                Arguments.of("x".repeat(200), "x".repeat(64) + "..."),
                Arguments.of("😀".repeat(70), "😀".repeat(64) + "..."));
    }

    @ParameterizedTest
    @MethodSource("userNames")
    void theUserNameCannotBreakOrForgeTheLine(String typed, String logged) {
        assertEquals("AUTH failed: client=203.0.113.9 user=" + logged + " reason=invalid-credentials",
                AuthStage.failure(ATTACKER, typed, "invalid-credentials"));
    }
}
