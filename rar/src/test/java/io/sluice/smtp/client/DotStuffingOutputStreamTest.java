package io.sluice.smtp.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DotStuffingOutputStreamTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                        | .[CR][LF]",
            "a[CR][LF]                 | a[CR][LF].[CR][LF]",
            ".[CR][LF]                 | ..[CR][LF].[CR][LF]",
            "a[CR][LF].b[CR][LF]       | a[CR][LF]..b[CR][LF].[CR][LF]",
            "a.b[CR][LF]..[CR][LF]     | a.b[CR][LF]...[CR][LF].[CR][LF]",
            "tail                      | tail[CR][LF].[CR][LF]",
    })
    void stuffsEveryLineStartingWithADotInAnyChunking(String in, String expected) throws IOException {
        byte[] input = in.trim().replace("[CR]", "\r").replace("[LF]", "\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int chunk = 1; chunk <= Math.max(1, input.length); chunk++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            DotStuffingOutputStream out = new DotStuffingOutputStream(sink);
            for (int i = 0; i < input.length; i += chunk) {
                out.write(input, i, Math.min(chunk, input.length - i));
            }
            out.finish();
            assertEquals(expected.trim().replace("[CR]", "\r").replace("[LF]", "\n"),
                    sink.toString(StandardCharsets.ISO_8859_1), "chunk " + chunk);
        }
    }
}
