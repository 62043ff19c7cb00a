package io.sluice.scan.engine;

import io.sluice.api.MessageContent;
import io.sluice.api.Recipient;
import io.sluice.api.Transaction;
import io.sluice.scan.spam.SpamSymbol;
import io.sluice.scan.spam.SpamVerdict;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rspamd's normal worker: {@code POST /checkv2} with the message and what the SMTP session knows
 * (client IP, HELO, sender, recipients, queue id) as request headers; the JSON answer gives the
 * score and every symbol with its score. Over TCP or a unix socket, with plain HTTP/1.1.
 */
public final class RspamdClient {

    private final String address;
    private final Duration timeout;

    public RspamdClient(String address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    public SpamVerdict score(Transaction tx, MessageContent content) throws EngineException {
        try (EngineConnection c = EngineConnection.open(address, timeout)) {
            try {
                StringBuilder head = new StringBuilder("POST /checkv2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                        .append("Content-Length: ").append(content.size()).append("\r\n");
                if (tx != null) {
                    head.append("IP: ").append(tx.client().address()).append("\r\n");
                    if (tx.client().helo() != null) {
                        head.append("Helo: ").append(oneLine(tx.client().helo())).append("\r\n");
                    }
                    head.append("From: ").append(oneLine(tx.sender())).append("\r\n");
                    for (Recipient r : tx.recipients()) {
                        head.append("Rcpt: ").append(oneLine(r.address())).append("\r\n");
                    }
                    head.append("Queue-Id: ").append(tx.queueId()).append("\r\n");
                }
                head.append("\r\n");
                OutputStream out = c.out();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = content.openStream()) {
                    in.transferTo(out);
                }
                out.flush();
                return parse(HttpResponse.read(c.in()));
            } catch (IOException e) {
                throw e instanceof EngineException ee ? ee : new EngineException("rspamd " + address + ": "
                        + (c.expired() ? "timed out after " + timeout.toMillis() + " ms" : e.getMessage()), e);
            }
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]", "");
    }

    static SpamVerdict parse(HttpResponse response) throws EngineException {
        if (response.status() != 200) {
            throw new EngineException("rspamd answered HTTP " + response.status());
        }
        JsonObject json;
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(response.body()))) {
            json = r.readObject();
        } catch (RuntimeException e) {
            throw new EngineException("rspamd: unreadable answer: " + e.getMessage(), e);
        }
        if (json.containsKey("error")) {
            throw new EngineException("rspamd: " + json.get("error"));
        }
        List<SpamSymbol> symbols = new ArrayList<>();
        JsonObject s = json.getJsonObject("symbols");
        if (s != null) {
            for (var e : s.entrySet()) {
                double score = e.getValue().getValueType() == JsonValue.ValueType.OBJECT
                        && e.getValue().asJsonObject().containsKey("score")
                        ? e.getValue().asJsonObject().getJsonNumber("score").doubleValue() : 0;
                symbols.add(new SpamSymbol(e.getKey(), score));
            }
        }
        if (!json.containsKey("score")) {
            throw new EngineException("rspamd: no score in the answer");
        }
        return new SpamVerdict(json.getJsonNumber("score").doubleValue(), symbols, "rspamd");
    }

    /** A minimal HTTP/1.1 response: status, and the body by Content-Length, chunks or end of stream. */
    record HttpResponse(int status, byte[] body) {

        static HttpResponse read(InputStream in) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new EngineException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            String h;
            while (!(h = line(in)).isEmpty()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                long size;
                while ((size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0) {
                    body.write(in.readNBytes((int) size));
                    line(in);
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            } else {
                in.transferTo(body);
            }
            return new HttpResponse(status, body.toByteArray());
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (b.size() > 16 * 1024) {
                    throw new EngineException("HTTP header line too long");
                }
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                throw new EngineException("connection closed before the HTTP response");
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
