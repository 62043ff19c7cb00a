package io.sluice.it;

import io.sluice.dns.TestNameServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An RSA-2048 signing key for python3-dkim's command-line tools (Debian's dkimsign and arcsign),
 * the independent signer of the DKIM, DMARC and ARC tests: the private key in a PEM file they
 * read, and the public key's DKIM record for the tests' name server. {@link #close} deletes the file.
 */
final class PythonDkimKey implements AutoCloseable {

    /** Fails at once, naming the package, where a tool is missing. */
    static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: apt-get install python3-dkim (.ci/run does)");
            }
        }
    }

    private final Path file;
    private final String record;

    private PythonDkimKey(Path file, String record) {
        this.file = file;
        this.record = record;
    }

    static PythonDkimKey create() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        Path file = Files.createTempFile("python-dkim", ".pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new PythonDkimKey(file, "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    /** The PEM file, for the tools' command lines. */
    Path file() {
        return file;
    }

    /** The DKIM key record's text ({@code v=DKIM1; k=rsa; p=...}). */
    String record() {
        return record;
    }

    /** The zone file line that publishes the key under {@code selector}. */
    String zoneLine(String selector) {
        return selector + "._domainkey IN TXT " + TestNameServer.txt(record) + "\n";
    }

    /**
     * Runs a python3-dkim command line tool with {@code message} on its input (octets as
     * ISO-8859-1 characters); its output. A tool that fails fails the test with what it said.
     */
    static String tool(String message, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("python-dkim", ".err"); // a file: a full pipe would stall the tool
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            p.getOutputStream().write(message.getBytes(StandardCharsets.ISO_8859_1));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": "
                    + Files.readString(errors, StandardCharsets.UTF_8));
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** {@code message} signed by dkimsign with this key for {@code domain} under selector "sel" (relaxed/simple). */
    String dkimsign(String message, String domain) throws IOException, InterruptedException {
        return tool(message, "/usr/bin/dkimsign", "sel", domain, file.toString());
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
