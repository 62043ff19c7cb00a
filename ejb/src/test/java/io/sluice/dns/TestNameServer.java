package io.sluice.dns;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real authoritative name server for the tests: NSD (the Debian package {@code nsd}, which
 * {@code .ci/run} installs) on a free loopback port, serving the zones a test writes, in a private
 * directory. It answers only for those zones (NXDOMAIN for an unknown name in them, REFUSED for any
 * other) and never asks another server, so no test depends on the outside world.
 */
public final class TestNameServer implements AutoCloseable {

    private static final Path NSD = Path.of("/usr/sbin/nsd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path home;
    private final int port;
    private final Process process;

    private TestNameServer(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.process = process;
    }

    /** A zone's records below its SOA and NS: the lines of a zone file with {@code $ORIGIN} the zone. */
    public static Builder zones() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> zones = new LinkedHashMap<>();
        private int negativeTtl = 60;

        /** {@code records}: zone file lines relative to {@code zone} ("@ 300 IN TXT ..."). */
        public Builder zone(String zone, String records) {
            zones.put(zone, records);
            return this;
        }

        /** How long a resolver may keep a negative answer from these zones (the SOA's minimum). */
        public Builder negativeTtl(int seconds) {
            negativeTtl = seconds;
            return this;
        }

        public TestNameServer start() throws IOException {
            if (!Files.isExecutable(NSD)) {
                throw new IllegalStateException(NSD + " is missing: apt-get install nsd (.ci/run does)");
            }
            Path home = Files.createTempDirectory("sluice-nsd");
            int port = freePort();
            StringBuilder conf = new StringBuilder()
                    .append("server:\n")
                    .append("  ip-address: 127.0.0.1@").append(port).append('\n')
                    .append("  username: \"\"\n  chroot: \"\"\n  database: \"\"\n")
                    .append("  zonesdir: \"").append(home).append("\"\n")
                    .append("  pidfile: \"").append(home.resolve("nsd.pid")).append("\"\n")
                    .append("  xfrdfile: \"").append(home.resolve("xfrd.state")).append("\"\n")
                    .append("  zonelistfile: \"").append(home.resolve("zone.list")).append("\"\n")
                    .append("  logfile: \"").append(home.resolve("nsd.log")).append("\"\n")
                    .append("  server-count: 1\n  hide-version: yes\n  verbosity: 1\n")
                    // no response rate limiting: every test and benchmark question comes from 127.0.0.1
                    .append("  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n")
                    .append("remote-control:\n  control-enable: no\n");
            for (Map.Entry<String, String> z : zones.entrySet()) {
                String file = z.getKey() + ".zone";
                Files.writeString(home.resolve(file), "$ORIGIN " + z.getKey() + ".\n$TTL 300\n"
                        + "@ IN SOA ns." + z.getKey() + ". hostmaster." + z.getKey() + ". 1 3600 600 86400 "
                        + negativeTtl + "\n@ IN NS ns." + z.getKey() + ".\n" + z.getValue() + "\n");
                conf.append("zone:\n  name: ").append(z.getKey()).append("\n  zonefile: ").append(file).append('\n');
            }
            Files.writeString(home.resolve("nsd.conf"), conf);
            Process p = new ProcessBuilder(NSD.toString(), "-d", "-c", home.resolve("nsd.conf").toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("nsd.out").toFile()).start();
            TestNameServer server = new TestNameServer(home, port, p);
            server.awaitAnswers(zones.keySet().iterator().next());
            return server;
        }
    }

    /** Where to send the questions: 127.0.0.1 and the port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * A TXT record's data as a zone file takes it: quoted strings of at most 200 characters (a
     * DNS character-string holds 255), which a resolver joins again (a DKIM key is longer).
     */
    public static String txt(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i += 200) {
            sb.append(i == 0 ? "" : " ").append('"').append(value, i, Math.min(value.length(), i + 200)).append('"');
        }
        return sb.toString();
    }

    /** As the settings write a resolver: "127.0.0.1:port". */
    public String resolverText() {
        return "127.0.0.1:" + port;
    }

    private void awaitAnswers(String zone) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SimpleResolver probe = new SimpleResolver(address());
        probe.setTimeout(Duration.ofMillis(200));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nsd stopped: " + log());
            }
            Lookup l = new Lookup(zone + ".", Type.SOA);
            l.setResolver(probe);
            l.setCache(null);
            l.run();
            if (l.getResult() == Lookup.SUCCESSFUL) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        close();
        throw new IOException("nsd did not answer within " + START_TIMEOUT + ": " + log());
    }

    private String log() throws IOException {
        Path out = home.resolve("nsd.out");
        Path log = home.resolve("nsd.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    }

    /** Stops the server and removes its directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A port free for both TCP and UDP on loopback now (NSD takes both). */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IOException("no free port for the name server");
    }
}
