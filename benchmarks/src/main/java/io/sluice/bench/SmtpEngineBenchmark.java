package io.sluice.bench;

import io.sluice.smtp.PathArgument;
import io.sluice.smtp.Verb;
import io.sluice.smtp.client.DotStuffingOutputStream;
import io.sluice.smtp.io.CommandLine;
import io.sluice.smtp.io.DataReader;
import io.sluice.smtp.io.SmtpInput;
import io.sluice.smtp.io.TransferDeadline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP engine's work per message that needs no socket: reading and parsing one pipelined
 * transaction's commands, reading a 5 KB DATA section (dot-unstuffing, line checks) and writing it
 * dot-stuffed to the mail server.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SmtpEngineBenchmark {

    private static final byte[] COMMANDS = ("EHLO client.example.org\r\n"
            + "MAIL FROM:<sender@example.test> SIZE=5120 BODY=8BITMIME\r\n"
            + "RCPT TO:<rcpt@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;rcpt@example.org\r\n"
            + "RCPT TO:<other@example.org>\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII);

    /** A 5 KB message as smtp-source sends it, with a few dot-stuffed lines, then the end mark. */
    static final byte[] DATA = data(5120);

    static byte[] data(int size) {
        StringBuilder sb = new StringBuilder("From: sender@example.test\r\nTo: rcpt@example.org\r\nSubject: bench\r\n\r\n");
        int line = 0;
        while (sb.length() < size) {
            sb.append(line++ % 20 == 0 ? "..a stuffed line\r\n" : "La la la la la la la la la la la la la la la la la la\r\n");
        }
        return sb.append(".\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

    @Benchmark
    public void parseCommands(Blackhole bh) throws IOException {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream(COMMANDS), 8192);
        for (int i = 0; i < 5; i++) {
            CommandLine line = in.readCommandLine(512);
            String text = line.text();
            int space = text.indexOf(' ');
            String word = space < 0 ? text : text.substring(0, space);
            bh.consume(Verb.lookup(word));
            String argument = space < 0 ? "" : text.substring(space + 1);
            try {
                if (word.equals("MAIL")) {
                    bh.consume(PathArgument.parse(argument, "FROM:", true, false));
                } else if (word.equals("RCPT")) {
                    bh.consume(PathArgument.parse(argument, "TO:", false, true));
                }
            } catch (PathArgument.Invalid e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Benchmark
    public Object readData() throws IOException {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream(DATA), 8192);
        return new DataReader(25L * 1024 * 1024, 1000).read(in, NOWHERE, TransferDeadline.never());
    }

    @Benchmark
    public void writeDotStuffed() throws IOException {
        DotStuffingOutputStream out = new DotStuffingOutputStream(NOWHERE);
        out.write(DATA, 0, DATA.length - 3);
        out.finish();
    }
}
