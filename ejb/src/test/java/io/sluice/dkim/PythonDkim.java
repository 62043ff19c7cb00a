package io.sluice.dkim;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's python3-dkim (through {@code dkim_interop.py}) as the independent checker: it signs
 * messages for our verifier and verifies what we sign. Jobs are collected and run in one python
 * process ({@link #run()}), since starting python costs more than the work; each job's answer is
 * then read by the index {@code add} returned. Its DNS is the records each job carries.
 */
public final class PythonDkim {

    private final Path dir;
    private final JsonArrayBuilder jobs = Json.createArrayBuilder();
    private int count;

    public PythonDkim(Path dir) {
        this.dir = dir;
    }

    /** python's DKIM-Signature field for the message: a string. */
    public int sign(SigningKey key, Canonicalization header, Canonicalization body, String message) {
        return add(Json.createObjectBuilder().add("op", "sign").add("key", forPython(key)).add("selector", key.selector())
                .add("domain", key.domain()).add("algorithm", key.algorithm().tag())
                .add("c", header.tagValue() + "/" + body.tagValue()).add("message", message));
    }

    /** "pass" or "fail" per signature, top first: an array. */
    public int verify(Map<String, String> records, String message) {
        return add(Json.createObjectBuilder().add("op", "verify").add("records", records(records)).add("message", message));
    }

    /** python's ARC set for the message (RSA: its arc_sign signs with rsa-sha256 only): a string. */
    public int arcSign(SigningKey key, String authservId, long timestamp, String message) {
        return add(Json.createObjectBuilder().add("op", "arcsign").add("key", forPython(key)).add("selector", key.selector())
                .add("domain", key.domain()).add("srv_id", authservId).add("timestamp", Long.toString(timestamp))
                .add("message", message));
    }

    /** [the chain's validation result, python's reason]: an array. */
    public int arcVerify(Map<String, String> records, String message) {
        return add(Json.createObjectBuilder().add("op", "arcverify").add("records", records(records)).add("message", message));
    }

    /** Runs every job added, in one python process; the answers in the order added. */
    public JsonArray run() throws IOException, InterruptedException {
        Path script = dir.resolve("dkim_interop.py");
        try (InputStream in = PythonDkim.class.getResourceAsStream("dkim_interop.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path input = Files.createTempFile(dir, "jobs", ".json");
        Path output = Files.createTempFile(dir, "answers", ".json");
        Files.writeString(input, jobs.build().toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), input.toString(), output.toString()))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python3-dkim failed: " + log);
        }
        try (JsonReader r = Json.createReader(new StringReader(Files.readString(output, StandardCharsets.UTF_8)))) {
            JsonArray answers = r.readArray();
            if (answers.size() != count) {
                throw new AssertionError(count + " jobs, " + answers.size() + " answers");
            }
            return answers;
        }
    }

    public static String string(JsonValue v) {
        return ((jakarta.json.JsonString) v).getString();
    }

    public static List<String> strings(JsonValue v) {
        return v.asJsonArray().getValuesAs(jakarta.json.JsonString::getString);
    }

    private int add(JsonObjectBuilder job) {
        jobs.add(job);
        return count++;
    }

    private static JsonObjectBuilder records(Map<String, String> records) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        records.forEach(b::add);
        return b;
    }

    /** The key as python3-dkim reads it: PEM PKCS#8 for RSA, the base64 seed for Ed25519. */
    static String forPython(SigningKey key) {
        byte[] pkcs8 = key.privateKey().getEncoded();
        if (key.algorithm() == Algorithm.ED25519_SHA256) {
            return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        }
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
