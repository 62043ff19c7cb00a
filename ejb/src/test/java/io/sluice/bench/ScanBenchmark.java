package io.sluice.bench;

import io.sluice.api.MessageContent;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.config.ScanLimits;
import io.sluice.scan.engine.ClamdClient;
import io.sluice.scan.engine.RspamdClient;
import io.sluice.scan.engine.SpamdClient;
import io.sluice.scan.spam.BayesModel;
import io.sluice.scan.spam.EmbeddedSpamScorer;
import io.sluice.scan.spam.SpamRules;
import io.sluice.scan.virus.SignatureFiles;
import io.sluice.scan.virus.Signatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Scanning benchmark (run it, do not unit-test it):
 * <pre>
 *   mvn -q -pl ejb -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 *   java -cp ejb/target/test-classes:ejb/target/classes:$(cat ejb/target/bench.cp) io.sluice.bench.ScanBenchmark
 * </pre>
 * Virus scanning throughput of the embedded engine (built-in EICAR only, and with 2,000 body and
 * 20,000 hash signatures; and on the zipped attachments alone) and of clamd INSTREAM on the same corpus; per-message spam scoring
 * latency of the embedded scorer, spamd and Rspamd. Each figure is the median of repeated runs.
 * clamd, spamd and Rspamd are used when SLUICE_IT_CLAMD, SLUICE_IT_SPAMD, SLUICE_IT_RSPAMD are set.
 */
public final class ScanBenchmark {

    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        List<MessageContent> corpus = corpus(new Random(7));
        long bytes = corpus.stream().mapToLong(MessageContent::size).sum();
        System.out.printf(Locale.ROOT, "corpus: %d messages, %.1f MB (text mails, PDF-like and zipped attachments)%n",
                corpus.size(), bytes / 1e6);

        Signatures builtIn = Signatures.builtIn();
        Signatures many = synthetic(new Random(11));
        for (int warm = 0; warm < 2; warm++) {
            analyse(corpus, builtIn);
        }
        report("embedded analysis + virus scan, EICAR only", bytes, () -> analyse(corpus, builtIn));
        report("embedded analysis + virus scan, " + many.bodyCount() + " body + " + many.hashCount() + " hash sigs",
                bytes, () -> analyse(corpus, many));
        List<MessageContent> zipped = corpus.subList(140, 160);
        report("embedded analysis + virus scan, the zipped attachments only", zipped.stream()
                .mapToLong(MessageContent::size).sum(), () -> analyse(zipped, builtIn));
        String clamd = System.getenv("SLUICE_IT_CLAMD");
        if (clamd != null) {
            ClamdClient client = new ClamdClient(clamd, Duration.ofSeconds(60), 100L << 20);
            for (MessageContent m : corpus.subList(0, 20)) {
                client.scan(m);
            }
            report("clamd INSTREAM (test signature database)", bytes, () -> {
                for (MessageContent m : corpus) {
                    client.scan(m);
                }
            });
        }

        List<MessageContent> mails = corpus.subList(0, 100);
        MessageAnalyzer analyzer = new MessageAnalyzer(ScanLimits.DEFAULT, builtIn);
        EmbeddedSpamScorer embedded = new EmbeddedSpamScorer(SpamRules.defaults(), trainedBayes(analyzer), 50, 50);
        latency("embedded scorer (rules + Bayes, incl. analysis)", mails, m -> embedded.score(Messages.facts(m),
                analyzer.analyze(m)));
        String spamd = System.getenv("SLUICE_IT_SPAMD");
        if (spamd != null) {
            SpamdClient client = new SpamdClient(spamd, Duration.ofSeconds(60));
            latency("spamd REPORT (-L, local tests only)", mails, client::score);
        }
        String rspamd = System.getenv("SLUICE_IT_RSPAMD");
        if (rspamd != null) {
            RspamdClient client = new RspamdClient(rspamd, Duration.ofSeconds(60));
            latency("Rspamd /checkv2 (no network, no redis)", mails, m -> client.score(null, m));
        }
    }

    interface Run {
        void run() throws Exception;
    }

    interface PerMessage {
        Object apply(MessageContent m) throws Exception;
    }

    /**
     * Wall-clock throughput, and throughput per second of this thread's CPU time: on a machine
     * other work shares, the second is the steadier of the two.
     */
    private static void report(String what, long bytes, Run run) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] mbps = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            run.run();
            mbps[i] = bytes / 1e6 / ((System.nanoTime() - t) / 1e9);
            cpu[i] = bytes / 1e6 / ((threads.getCurrentThreadCpuTime() - c) / 1e9);
        }
        Arrays.sort(mbps);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-70s median %7.1f MB/s, %7.1f MB/s of CPU time (runs %s)%n", what,
                mbps[RUNS / 2], cpu[RUNS / 2], fmt(mbps));
    }

    private static void latency(String what, List<MessageContent> mails, PerMessage scorer) throws Exception {
        for (MessageContent m : mails.subList(0, 10)) {
            scorer.apply(m);
        }
        double[] medians = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            double[] ms = new double[mails.size()];
            for (int i = 0; i < mails.size(); i++) {
                long t = System.nanoTime();
                scorer.apply(mails.get(i));
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            medians[r] = ms[ms.length / 2];
        }
        Arrays.sort(medians);
        System.out.printf(Locale.ROOT, "%-70s median %7.3f ms/message (run medians %s)%n", what, medians[RUNS / 2],
                fmt(medians));
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return sb.toString();
    }

    private static void analyse(List<MessageContent> corpus, Signatures s) throws IOException {
        MessageAnalyzer a = new MessageAnalyzer(ScanLimits.DEFAULT, s);
        for (MessageContent m : corpus) {
            a.analyze(m);
        }
    }

    /** 100 plain mails of about 5 KB, 40 with a 200 KB binary attachment, 20 with a zip of 500 KB. */
    private static List<MessageContent> corpus(Random r) throws IOException {
        String[] words = ("the quarterly report shows revenue growth across all regions please review the attached "
                + "numbers before our meeting on friday and let me know if you have questions about the forecast")
                .split(" ");
        List<MessageContent> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StringBuilder body = new StringBuilder();
            while (body.length() < 5000) {
                for (int w = 0; w < 12; w++) {
                    body.append(words[r.nextInt(words.length)]).append(' ');
                }
                body.append("\r\n");
            }
            out.add(Messages.inMemory("From: colleague" + i + "@example.org\r\nTo: you@example.com\r\nSubject: report "
                    + i + "\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <r" + i + "@example.org>\r\n\r\n"
                    + body));
        }
        for (int i = 0; i < 40; i++) {
            byte[] pdf = new byte[200_000];
            r.nextBytes(pdf);
            System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
            out.add(Messages.inMemory(Messages.withAttachment("report" + i + ".pdf", "application/pdf", pdf)));
        }
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[500_000];
            r.nextBytes(data);
            out.add(Messages.inFile(Messages.withAttachment("data" + i + ".zip", "application/zip",
                    Messages.zip("data" + i + ".bin", data))));
        }
        return out;
    }

    /** Random signatures in ClamAV formats, standing in for a real database (none can be downloaded here). */
    private static Signatures synthetic(Random r) throws IOException {
        Path dir = Files.createTempDirectory("bench-sigs");
        StringBuilder ndb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            byte[] sig = new byte[8 + r.nextInt(24)];
            r.nextBytes(sig);
            ndb.append("Bench.Body.").append(i).append(":0:*:").append(java.util.HexFormat.of().formatHex(sig)).append('\n');
        }
        Files.writeString(dir.resolve("bench.ndb"), ndb);
        StringBuilder hdb = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            byte[] md5 = new byte[16];
            r.nextBytes(md5);
            hdb.append(java.util.HexFormat.of().formatHex(md5)).append(':').append(1000 + i).append(":Bench.Hash.")
                    .append(i).append('\n');
        }
        Files.writeString(dir.resolve("bench.hdb"), hdb);
        return SignatureFiles.load(dir).signatures();
    }

    private static BayesModel trainedBayes(MessageAnalyzer analyzer) throws IOException {
        BayesModel model = new BayesModel();
        Random r = new Random(3);
        for (int i = 0; i < 60; i++) {
            for (boolean spam : new boolean[] {true, false}) {
                String text = spam ? "cheap replica watches discount offer " + r.nextInt()
                        : "project meeting agenda budget review " + r.nextInt();
                MessageContent m = Messages.inMemory("Subject: s" + i + "\r\n\r\n" + text + "\r\n");
                model.apply(io.sluice.scan.spam.Tokenizer.tokens(Messages.facts(m), analyzer.analyze(m)),
                        spam ? 1 : 0, spam ? 0 : 1);
            }
        }
        return model;
    }
}
