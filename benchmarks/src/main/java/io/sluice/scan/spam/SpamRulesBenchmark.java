package io.sluice.scan.spam;

import io.sluice.api.MessageContent;
import io.sluice.config.ScanLimits;
import io.sluice.policy.MessageFacts;
import io.sluice.scan.Analysis;
import io.sluice.scan.Contents;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.MessageHeaders;
import io.sluice.scan.virus.Signatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded spam rules on a 5 KB ham message (no trigger word: the common case): the compiled
 * rule set beside the one-by-one check it replaced (in this package to reach it), with the shipped
 * rules and with many local ones. Header fields
 * are parsed once in the set-up, so only rule matching is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SpamRulesBenchmark {

    /** shipped: the rules that come with Sluice; local: those and 200 local body rules of 5 trigger words each. */
    @Param({"shipped", "local"})
    public String ruleSet;

    private SpamRules rules;
    private MessageFacts facts;
    private Analysis analysis;

    @Setup
    public void setUp() throws IOException {
        if (ruleSet.equals("shipped")) {
            rules = SpamRules.defaults();
        } else {
            Path dir = Files.createTempDirectory("rules");
            StringBuilder local = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                local.append("LOCAL_").append(i).append(" 0.5 body (?i)\\b(");
                for (int w = 0; w < 5; w++) {
                    local.append(w == 0 ? "" : "|").append("word").append(i).append('x').append(w);
                }
                local.append(")\\b\n");
            }
            Files.writeString(dir.resolve("local.rules"), local);
            rules = SpamRules.load(dir);
            Files.delete(dir.resolve("local.rules"));
            Files.delete(dir);
        }
        byte[] octets = ("From: Sender <sender@example.test>\r\nTo: rcpt@example.org\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <bench.1@example.test>\r\nSubject: Minutes of the meeting\r\n\r\n"
                + "Here are the minutes of today's meeting; the next one is on Tuesday at ten.\r\n".repeat(66))
                .getBytes(StandardCharsets.US_ASCII);
        MessageContent content = Contents.inMemory(octets);
        analysis = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn()).analyze(content);
        MessageHeaders headers = new MessageHeaders(content);
        headers.parsed();
        facts = new HeaderFacts(headers, octets.length);
    }

    @Benchmark
    public List<SpamSymbol> compiled() {
        return rules.fire(facts, analysis);
    }

    @Benchmark
    public List<SpamSymbol> oneByOne() {
        return rules.fireOneByOne(facts, analysis);
    }
}
