package io.sluice.bench;

import io.sluice.api.MessageContent;
import io.sluice.config.ScanLimits;
import io.sluice.mime.HeaderLoader;
import io.sluice.scan.Analysis;
import io.sluice.scan.Contents;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.MessageHeaders;
import io.sluice.scan.virus.Signatures;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's work on a message's content, outside WildFly: MIME analysis with the embedded
 * virus scan, and reading a header section (Jakarta Mail's own load beside {@link HeaderLoader};
 * outside WildFly the service lookup the latter avoids is far cheaper than inside it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ContentBenchmark {

    /** plain: smtp-source's 5 KB text; mixed: text, HTML and a 20 KB base64 attachment. */
    @Param({"plain", "mixed"})
    public String message;

    private MessageContent content;
    private byte[] header;
    private final MessageAnalyzer analyzer = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    @Setup
    public void setUp() {
        byte[] octets = (message.equals("plain") ? plain() : mixed()).getBytes(StandardCharsets.UTF_8);
        content = Contents.inMemory(octets);
        header = new MessageHeaders(content).section().raw();
    }

    static String head() {
        return "Received: from client.example.org (client.example.org [192.0.2.1])\r\n\tby gateway.example.org; "
                + "Mon, 30 Nov 2026 10:00:00 +0000\r\nFrom: Sender <sender@example.test>\r\nTo: rcpt@example.org\r\n"
                + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <bench.1@example.test>\r\nSubject: bench\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    static String plain() {
        return head() + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "La la la la la la la la la la la la la la la la la la la la la la la la la la la la\r\n".repeat(60);
    }

    static String mixed() {
        byte[] attachment = new byte[20 * 1024];
        new java.util.Random(14).nextBytes(attachment);
        return head() + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
                + "Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe, please see the attached report.\r\n".repeat(20)
                + "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>"
                + "<p>Gr\u00fc\u00dfe, please see the <b>attached</b> report.</p>\r\n".repeat(20) + "</body></html>\r\n--a--\r\n"
                + "--m\r\nContent-Type: application/pdf; name=report.pdf\r\nContent-Disposition: attachment; filename=report.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--m--\r\n";
    }


    @Benchmark
    public Analysis analyze() throws IOException {
        return analyzer.analyze(content);
    }

    @Benchmark
    public InternetHeaders headersByJakartaMail() throws MessagingException {
        return new InternetHeaders(new ByteArrayInputStream(header), true);
    }

    @Benchmark
    public InternetHeaders headersByLoader() throws MessagingException {
        return HeaderLoader.load(new ByteArrayInputStream(header), true);
    }
}
