package io.sluice.scan;

import io.sluice.api.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Message content that did not come from an SMTP client: a posted message, a file the gateway wrote. */
public final class Contents {

    private Contents() {
    }

    public static MessageContent inMemory(byte[] bytes) {
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public Path file() {
                return null;
            }
        };
    }

    public static MessageContent file(Path file) throws IOException {
        long size = Files.size(file);
        return new MessageContent() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream openStream() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Path file() {
                return file;
            }
        };
    }
}
