package io.sluice.scan;

import io.sluice.api.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds test messages and archives. */
public final class Messages {

    public static final String EICAR = io.sluice.scan.virus.Signatures.EICAR;

    private Messages() {
    }

    /** Content held in memory, as small spooled messages are. */
    public static MessageContent inMemory(String message) {
        return inMemory(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static MessageContent inMemory(byte[] bytes) {
        return new MessageContent() {
            public long size() {
                return bytes.length;
            }

            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }

            public Path file() {
                return null;
            }
        };
    }

    /** Content in a file, as large spooled messages are. */
    public static MessageContent inFile(String message) throws IOException {
        // a directory of its own: what is spooled beside the message is this test's alone
        Path dir = Files.createTempDirectory("msg");
        dir.toFile().deleteOnExit();
        Path f = dir.resolve("message.eml");
        f.toFile().deleteOnExit();
        Files.writeString(f, message, StandardCharsets.ISO_8859_1);
        return new MessageContent() {
            public long size() {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            public InputStream openStream() throws IOException {
                return Files.newInputStream(f);
            }

            public Path file() {
                return f;
            }
        };
    }

    /** Header facts of a message and what its analysis found in its parts (names, unscannable, encrypted archives). */
    public static io.sluice.policy.MessageFacts facts(MessageContent content, Analysis a) {
        io.sluice.policy.MessageFacts headers = facts(content);
        return new io.sluice.policy.MessageFacts() {
            public long size() {
                return headers.size();
            }

            public String clientAddress() {
                return headers.clientAddress();
            }

            public boolean authenticated() {
                return false;
            }

            public java.util.List<String> headerValues(String name) {
                return headers.headerValues(name);
            }

            public String subject() {
                return headers.subject();
            }

            public java.util.List<String> attachmentNames() {
                return a.names();
            }

            public String unscannable() {
                return a.unscannable();
            }

            public boolean encryptedArchive() {
                return a.encryptedArchive();
            }
        };
    }

    /** Header facts of a message (no SMTP client behind them: 192.0.2.1, not authenticated). */
    public static io.sluice.policy.MessageFacts facts(MessageContent content) {
        MessageHeaders h = new MessageHeaders(content);
        return new io.sluice.policy.MessageFacts() {
            public long size() {
                return content.size();
            }

            public String clientAddress() {
                return "192.0.2.1";
            }

            public boolean authenticated() {
                return false;
            }

            public java.util.List<String> headerValues(String name) {
                return h.values(name);
            }

            public String subject() {
                return h.subject();
            }
        };
    }

    /** A multipart/mixed message with a text part and one base64 attachment. */
    public static String withAttachment(String name, String type, byte[] data) {
        String b64 = Base64.getMimeEncoder().encodeToString(data);
        return "From: a@example.org\r\nTo: b@example.org\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"BOUNDARY\"\r\n\r\n"
                + "--BOUNDARY\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
                + "--BOUNDARY\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--BOUNDARY--\r\n";
    }

    public static byte[] zip(String name, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(data);
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
