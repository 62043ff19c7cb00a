package io.sluice.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fuzz test's committed inputs, for warming up before the fuzzer starts timing: under the
 * fuzzer's instrumentation the first use of a large class (a zip reader, an HTML parser) can take
 * most of the second an input may take, which is no input's fault.
 */
public final class CommittedInputs {

    private CommittedInputs() {
    }

    public static List<byte[]> of(Class<?> fuzzTest, String method) {
        URL dir = fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.sorted().map(CommittedInputs::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
