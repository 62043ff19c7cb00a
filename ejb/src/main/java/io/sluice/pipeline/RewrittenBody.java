package io.sluice.pipeline;

import io.sluice.action.MessageRewriter;
import io.sluice.api.MessageContent;
import io.sluice.scan.Contents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message after its body was rewritten (attachments stripped, disclaimers added): in memory when
 * the original was, else in a file beside the original's spool file, deleted on close.
 */
final class RewrittenBody implements MessageContent, AutoCloseable {

    private final MessageContent content;
    private final Path file;
    private final MessageRewriter.Rewrite rewrite;

    private RewrittenBody(MessageContent content, Path file, MessageRewriter.Rewrite rewrite) {
        this.content = content;
        this.file = file;
        this.rewrite = rewrite;
    }

    static RewrittenBody of(MessageContent original, MessageRewriter rewriter) throws IOException {
        if (original.file() == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) original.size() + 1024);
            MessageRewriter.Rewrite r = rewriter.rewrite(original, out);
            return new RewrittenBody(Contents.inMemory(out.toByteArray()), null, r);
        }
        Path file = Files.createTempFile(original.file().getParent(), "sluice-rewrite-", ".eml");
        try {
            MessageRewriter.Rewrite r;
            try (OutputStream out = Files.newOutputStream(file)) {
                r = rewriter.rewrite(original, out);
            }
            return new RewrittenBody(Contents.file(file), file, r);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    MessageRewriter.Rewrite rewrite() {
        return rewrite;
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public InputStream openStream() throws IOException {
        return content.openStream();
    }

    @Override
    public Path file() {
        return content.file();
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
