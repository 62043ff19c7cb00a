package io.sluice.scan.engine;

import io.sluice.api.MessageContent;
import io.sluice.scan.spam.SpamSymbol;
import io.sluice.scan.spam.SpamVerdict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SpamAssassin's spamd, over its SPAMC/SPAMD protocol: REPORT, which answers the score, the
 * threshold and every rule that fired with its points.
 */
public final class SpamdClient {

    private static final Pattern SPAM_HEADER = Pattern.compile("Spam:\\s*(True|False|Yes|No)\\s*;\\s*(-?[\\d.]+)\\s*/\\s*(-?[\\d.]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s+([A-Z0-9_]+)\\s");

    private final String address;
    private final Duration timeout;

    public SpamdClient(String address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    public SpamVerdict score(MessageContent content) throws EngineException {
        try (EngineConnection c = EngineConnection.open(address, timeout)) {
            try {
                OutputStream out = c.out();
                out.write(("REPORT SPAMC/1.5\r\nContent-length: " + content.size() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                try (InputStream in = content.openStream()) {
                    in.transferTo(out);
                }
                out.flush();
                return parse(c.in());
            } catch (IOException e) {
                throw e instanceof EngineException ee ? ee : new EngineException("spamd " + address + ": "
                        + (c.expired() ? "timed out after " + timeout.toMillis() + " ms" : e.getMessage()), e);
            }
        }
    }

    static SpamVerdict parse(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String status = r.readLine();
        if (status == null || !status.startsWith("SPAMD/") || !status.contains(" 0 ")) {
            throw new EngineException("spamd: " + status);
        }
        Double score = null;
        String line;
        while ((line = r.readLine()) != null && !line.isEmpty()) {
            Matcher m = SPAM_HEADER.matcher(line);
            if (m.find()) {
                score = Double.parseDouble(m.group(2));
            }
        }
        if (score == null) {
            throw new EngineException("spamd: no Spam: header in the reply");
        }
        List<SpamSymbol> symbols = new ArrayList<>();
        boolean inTable = false;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("----")) {
                inTable = true;
                continue;
            }
            Matcher m = RULE.matcher(line);
            if (inTable && m.find()) {
                symbols.add(new SpamSymbol(m.group(2), Double.parseDouble(m.group(1))));
            }
        }
        return new SpamVerdict(score, symbols, "spamd");
    }
}
