package io.sluice.it;

import io.sluice.smtp.Conversation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start that meets a damaged database file: the server of the tests' WildFly installation is
 * started a second time, on ports of its own (the suite's plus 50) and with a server directory of
 * its own whose H2 file is not a database, as the README's run command would start it
 * ({@code standalone.sh}, {@code standalone.xml} as {@code sluice.cli} made it). Not an Arquillian
 * test: the point is what the server does at boot, before anything could be deployed into it.
 *
 * <p>It must still deploy the gateway, say in its log what happened and what to do, answer every
 * transaction with a temporary failure instead of not answering at all, and report DOWN in the
 * health endpoint.
 */
class DamagedDatabaseIT {

    private static final int OFFSET = Integer.getInteger("it.port-offset", 100) + 50;
    private static final int SMTP_PORT = Gateway.SMTP_PORT + 50;
    private static final int MANAGEMENT_PORT = 9990 + OFFSET;
    private static final String HOSTNAME = "damaged.test";
    private static final String H2_BUILD = System.getProperty("version.h2", "2.4.240")
            .replaceAll(".*\\.", ""); // H2 quotes its build number in every error message

    private static Path base;
    private static Path file;
    private static Process server;

    @BeforeAll
    static void startOnADamagedFile() throws Exception {
        Path home = Path.of(System.getProperty("jboss.home"));
        base = Path.of(System.getProperty("it.build.directory"), "damaged-database", "standalone");
        deleteTree(base.getParent());
        Files.createDirectories(base.resolve("deployments"));
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        // what the suite's server has deployed through the management API lives in its own content store
        Path config = base.resolve("configuration/standalone.xml");
        Files.writeString(config, Files.readString(config).replaceAll("(?s)<deployments>.*</deployments>", ""));
        Files.copy(Path.of(System.getProperty("sluice.ear")), base.resolve("deployments/sluice.ear"));
        file = base.resolve("data/sluice/sluice.mv.db").toAbsolutePath();
        Files.createDirectories(file.getParent());
        byte[] noise = new byte[64 * 1024];
        new Random(11).nextBytes(noise);
        Files.write(file, noise);

        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Dsluice.smtp.port=" + SMTP_PORT,
                "-Dsluice.smtp.hostname=" + HOSTNAME,
                "-Dsluice.relay.port=" + (Gateway.DOWNSTREAM_PORT + 50))
                .redirectErrorStream(true)
                .redirectOutput(base.getParent().resolve("console.log").toFile());
        Map<String, String> env = start.environment();
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1"); // a signal to the script reaches the JVM
        server = start.start();
        // the end of the boot, after which the SMTP listener is bound (or never will be)
        Gateway.await(() -> log().contains("WFLYSRV0025") || log().contains("WFLYSRV0026"), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy(); // SIGTERM: the script passes it on to WildFly
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theGatewayDeploysAndTheLogSaysWhatHappenedAndWhatToDo() {
        String log = log();
        assertTrue(log.contains("WFLYSRV0010: Deployed \"sluice.ear\""), "sluice.ear not deployed, see " + base);
        assertTrue(!log.contains("WFLYSRV0026"), "the server started with errors, see " + base);
        String dir = file.getParent().toString();
        String expected = "SEVERE [io.sluice.persistence.DatabaseMigration] (ServerService Thread Pool -- ";
        String message = ") The embedded database cannot be opened: the gateway's database file " + file
                + " is damaged and cannot be opened (H2: File corrupted while reading record: \"" + file
                + "\". Possible solution: use the recovery tool [90030-" + H2_BUILD + "]; Store header is corrupt: "
                + file + " [" + System.getProperty("version.h2", "2.4.240") + "/6])."
                + " Until it is repaired and the server restarted, Sluice keeps the SMTP port open but answers"
                + " every recipient with 451 4.3.0 (clients keep their mail and retry), the admin API has no data,"
                + " and the health check sluice-database reports DOWN."
                + " To repair: stop the server; move the damaged file aside (mkdir " + dir + "/damaged && mv " + file
                + " " + dir + "/damaged/); then either restore the latest backup of it to " + file + ", or start"
                + " without one: an empty database is created with the default policy and a new 'admin' password"
                + " printed in this log (the policies, users, settings, quarantine and tracking log of the damaged"
                + " file are then gone). Keep the damaged file (README \"Database\"). Then start the server.";
        String line = log.lines().filter(l -> l.contains(" SEVERE [io.sluice.persistence.DatabaseMigration]"))
                .findFirst().orElse("no SEVERE line from DatabaseMigration");
        assertTrue(line.contains(expected), line);
        assertEquals(message, line.substring(line.indexOf(')', line.indexOf(expected) + expected.length())));
        assertTrue(!log.contains("created user 'admin'"), "no admin is created in a damaged database");
    }

    @Test
    void everyTransactionGetsATemporaryFailureAtItsRecipients() throws IOException {
        String refusal = "451 4.3.0 Error: the gateway's database is damaged; no mail is accepted until it is"
                + " repaired, try again later";
        try (Conversation smtp = new Conversation(SMTP_PORT)) {
            smtp.greetAndEhlo(HOSTNAME)
                    .exchange("MAIL FROM:<sender@example.test>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<rcpt@example.org>", refusal)
                    .exchange("RCPT TO:<other@example.org>", refusal)
                    .exchange("DATA", "554 5.5.1 Error: no valid recipients")
                    .exchange("RSET", "250 2.0.0 Ok")
                    .exchange("MAIL FROM:<>", "250 2.1.0 Ok")
                    .exchange("RCPT TO:<postmaster@example.org>", refusal)
                    .exchange("QUIT", "221 2.0.0 Bye");
        }
    }

    @Test
    void theHealthCheckIsDown() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, response.statusCode(), response.body());
        JsonObject health;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            health = reader.readObject();
        }
        assertEquals("DOWN", health.getString("status"));
        JsonObject check = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("sluice-database")).findFirst().orElseThrow();
        assertEquals("DOWN", check.getString("status"));
        JsonObject data = check.getJsonObject("data");
        assertEquals("the gateway's database file " + file + " is damaged and cannot be opened",
                data.getString("problem"));
        assertEquals(file.toString(), data.getString("file"));
        assertEquals("stop the server, move " + file + " aside, restore it from a backup (or start with none),"
                + " start the server; the server log has the details", data.getString("action"));
    }

    private static String log() {
        try {
            Path log = base.resolve("log/server.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().startsWith("standalone_xml_history")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
