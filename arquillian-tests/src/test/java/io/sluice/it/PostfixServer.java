package io.sluice.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Postfix (the Debian package's binaries) as the mail server behind the gateway: a private
 * instance with its own configuration, queue and data directories under {@code target/}, one SMTP
 * listener on a loopback port, and a log file of its own the tests read. Everything it accepts is
 * discarded. The system instance (its configuration, queue and port 25) is left alone.
 *
 * <p>Postfix's master runs as root and its daemons as the user {@code postfix}, so this needs root
 * (CI runs the suite as root) and the packages {@code .ci/run} installs.
 */
final class PostfixServer implements AutoCloseable {

    static final String HOSTNAME = "downstream.test";

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path SASLPASSWD2 = Path.of("/usr/sbin/saslpasswd2");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path home;
    private final Path config;
    private final Path log;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "postfix-stop");
    private long masterPid = -1;

    private PostfixServer(int port, Path home) {
        this.port = port;
        this.home = home;
        this.config = home.resolve("conf");
        this.log = home.resolve("maillog");
    }

    /** A Postfix to configure, listening on 127.0.0.1:{@code port} once started. */
    static Builder on(int port) {
        return new Builder(port);
    }

    /** The main.cf and master.cf choices a test makes; everything else is fixed by {@link #start()}. */
    static final class Builder {
        private final int port;
        private final Map<String, String> main = new LinkedHashMap<>();
        private final Map<String, String> listenerOptions = new LinkedHashMap<>();
        private final StringBuilder moreServices = new StringBuilder();
        private final List<String> relayRecipients = new ArrayList<>();
        private final Map<String, String> saslUsers = new LinkedHashMap<>();
        private String saslRealm = HOSTNAME;

        private Builder(int port) {
            this.port = port;
        }

        Builder mynetworks(String... networks) {
            return set("mynetworks", String.join(", ", networks));
        }

        Builder relayDomains(String... domains) {
            return set("relay_domains", String.join(", ", domains));
        }

        /**
         * The only valid addresses in the relay domains, as a {@code texthash:} table (no postmap
         * needed); any other gets "550 5.1.1 ... User unknown in relay recipient table".
         */
        Builder relayRecipients(String... addresses) {
            relayRecipients.addAll(List.of(addresses));
            return this;
        }

        Builder authorizedXclientHosts(String... hosts) {
            return set("smtpd_authorized_xclient_hosts", String.join(", ", hosts));
        }

        /** An account for Postfix's own SASL (Cyrus, sasldb, PLAIN and LOGIN); turns SASL on. */
        Builder saslUser(String user, String password) {
            saslUsers.put(user, password);
            return this;
        }

        /** The Cyrus realm of the SASL accounts, also Postfix's smtpd_sasl_local_domain. */
        Builder saslRealm(String realm) {
            saslRealm = realm;
            return this;
        }

        /** Any other main.cf parameter, e.g. smtpd_relay_restrictions. */
        Builder set(String parameter, String value) {
            main.put(parameter, value);
            return this;
        }

        /** A "-o parameter=value" on the SMTP listener in master.cf only. */
        Builder listenerOption(String parameter, String value) {
            listenerOptions.put(parameter, value);
            return this;
        }

        /** More master.cf entries, as written there (e.g. a cleanup service of its own). */
        Builder service(String entry) {
            moreServices.append(entry.endsWith("\n") ? entry : entry + "\n");
            return this;
        }

        /** Writes the instance under target/postfix-PORT, starts it and waits for its 220. */
        PostfixServer start() throws IOException, InterruptedException {
            Path home = Path.of(System.getProperty("it.build.directory", "target")).toAbsolutePath()
                    .resolve("postfix-" + port);
            PostfixServer server = new PostfixServer(port, home);
            server.stopLeftover();
            deleteRecursively(home);
            try {
                server.write(this);
                server.launch();
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }

    /** Every line Postfix has logged so far. */
    List<String> log() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log, e);
        }
    }

    /** Waits up to 10 s for a log line in which {@code regex} is found; returns its match. */
    Matcher awaitLog(String regex) {
        return awaitLog(regex, Duration.ofSeconds(10));
    }

    /** Waits for a log line in which {@code regex} is found; returns its match. */
    Matcher awaitLog(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : log()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Postfix logged no line matching " + regex + " within " + timeout
                        + "; its log:\n" + String.join("\n", log()));
            }
            sleep(50);
        }
    }

    /** Has the queue manager try every deferred message now ({@code postfix flush}), as an administrator would. */
    void flush() throws IOException, InterruptedException {
        postfix("flush");
    }

    /** Stops the instance and makes sure none of its processes is left. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down and runs the hook itself
            }
        }
    }

    // --- configuration ---

    private void write(Builder b) throws IOException, InterruptedException {
        Path queue = home.resolve("queue");
        Path data = home.resolve("data");
        Files.createDirectories(config);
        Files.createDirectories(queue);
        Files.createDirectories(data);
        chown(data, "postfix", "postfix"); // Postfix keeps its caches here and wants to own it

        Map<String, String> main = new LinkedHashMap<>();
        main.put("compatibility_level", "3.6");
        main.put("queue_directory", queue.toString());
        main.put("data_directory", data.toString());
        main.put("myhostname", HOSTNAME);
        main.put("mydomain", HOSTNAME);
        main.put("myorigin", HOSTNAME);
        main.put("mydestination", "");
        // only loopback, only IPv4; the listener itself is named in master.cf
        main.put("inet_interfaces", "127.0.0.1");
        main.put("inet_protocols", "ipv4");
        // a log of its own, written by the postlog service (Postfix 3.4 and later)
        main.put("maillog_file", log.toString());
        main.put("maillog_file_prefixes", home.toString());
        // accept, then throw away
        main.put("default_transport", "discard");
        main.put("relay_transport", "discard");
        main.put("local_transport", "discard");
        main.put("alias_maps", "");
        main.put("alias_database", "");
        main.put("local_recipient_maps", "");
        main.put("smtputf8_enable", "yes");
        main.put("biff", "no");
        if (!b.relayRecipients.isEmpty()) {
            Path table = config.resolve("relay_recipients");
            Files.write(table, b.relayRecipients.stream().map(a -> a + " ok").toList(), StandardCharsets.US_ASCII);
            main.put("relay_recipient_maps", "texthash:" + table);
        }
        if (!b.saslUsers.isEmpty()) {
            writeSasl(b);
            main.put("smtpd_sasl_auth_enable", "yes");
            main.put("smtpd_sasl_type", "cyrus");
            main.put("smtpd_sasl_path", "smtpd");
            main.put("cyrus_sasl_config_path", config.resolve("sasl").toString());
            main.put("smtpd_sasl_local_domain", b.saslRealm);
        }
        main.putAll(b.main);
        StringBuilder mainCf = new StringBuilder("# A private Postfix for the end-to-end tests (PostfixServer)\n");
        main.forEach((k, v) -> mainCf.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(config.resolve("main.cf"), mainCf, StandardCharsets.US_ASCII);

        StringBuilder masterCf = new StringBuilder("# service type private unpriv chroot wakeup maxproc command\n");
        masterCf.append("127.0.0.1:").append(port).append(" inet n - n - - smtpd\n");
        b.listenerOptions.forEach((k, v) -> masterCf.append("  -o ").append(k).append('=').append(v).append('\n'));
        // what a queue needs, nothing chrooted; no smtp or local delivery: everything is discarded
        for (String service : List.of(
                "pickup unix n - n 60 1 pickup",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify",
                "flush unix n - n 1000? 0 flush",
                "proxymap unix - - n - - proxymap",
                "showq unix n - n - - showq",
                "error unix - - n - - error",
                "retry unix - - n - - error",
                "discard unix - - n - - discard",
                "anvil unix - - n - 1 anvil",
                "scache unix - - n - 1 scache",
                "postlog unix-dgram n - n - 1 postlogd")) {
            masterCf.append(service).append('\n');
        }
        masterCf.append(b.moreServices);
        Files.writeString(config.resolve("master.cf"), masterCf, StandardCharsets.US_ASCII);
    }

    /**
     * Cyrus SASL with its own sasldb. Debian's Postfix reads smtpd.conf from
     * {@code <config_directory>/sasl/} whatever cyrus_sasl_config_path says, so both point there.
     * The smtpd processes run as postfix and must be able to read the database.
     */
    private void writeSasl(Builder b) throws IOException, InterruptedException {
        Path sasl = config.resolve("sasl");
        Files.createDirectories(sasl);
        Path db = sasl.resolve("sasldb2");
        for (Map.Entry<String, String> user : b.saslUsers.entrySet()) {
            Process p = new ProcessBuilder(SASLPASSWD2.toString(), "-f", db.toString(), "-c", "-p", "-u", b.saslRealm,
                    user.getKey()).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(user.getValue().getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("saslpasswd2 failed for " + user.getKey() + ": " + output);
            }
        }
        chown(db, "root", "postfix");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(sasl.resolve("smtpd.conf"), "pwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
                + "mech_list: PLAIN LOGIN\nsasldb_path: " + db + "\n", StandardCharsets.US_ASCII);
    }

    // --- processes ---

    private void launch() throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // "start" checks the installation, creates the queue's subdirectories with the right
        // owners and modes, and leaves the master running in the background
        String output = postfix("start");
        masterPid = masterPid().orElseThrow(() -> new IOException("Postfix did not start: " + output
                + "\n" + String.join("\n", log())));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!greets()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Postfix does not answer 220 on 127.0.0.1:" + port + "; its log:\n"
                        + String.join("\n", log()));
            }
            sleep(100);
        }
    }

    private boolean greets() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return greeting != null && greeting.startsWith("220 ");
        } catch (IOException e) {
            return false;
        }
    }

    private void stop() throws IOException, InterruptedException {
        Optional<ProcessHandle> master = ProcessHandle.of(masterPid).filter(ProcessHandle::isAlive);
        if (master.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(master.get().descendants().toList());
        all.add(master.get());
        postfix("stop");
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            sleep(50);
        }
        // whatever did not go on its own: the daemons first, then the master
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        masterPid = -1;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException e) {
            // the JVM is going away; nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A master a previous run left behind on the same directories (a killed test JVM, say). */
    private void stopLeftover() throws IOException, InterruptedException {
        Optional<Long> pid = masterPid();
        if (pid.isPresent() && ProcessHandle.of(pid.get()).map(p -> p.info().command().orElse("")
                .endsWith("/master")).orElse(false)) {
            masterPid = pid.get();
            stop();
        }
    }

    private Optional<Long> masterPid() {
        Path pidFile = home.resolve("queue/pid/master.pid");
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs "postfix -c CONFIG command"; its messages go to the log file (stderr is no terminal). */
    private String postfix(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(POSTFIX.toString(), "-c", config.toString(), command).redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("postfix " + command + " did not finish");
        }
        if (p.exitValue() != 0 && command.equals("start")) {
            throw new IOException("postfix start failed (" + p.exitValue() + "): " + output + "\n"
                    + String.join("\n", log()));
        }
        return output;
    }

    private static void chown(Path path, String user, String group) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(user));
        view.setGroup(users.lookupPrincipalByGroupName(group));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
