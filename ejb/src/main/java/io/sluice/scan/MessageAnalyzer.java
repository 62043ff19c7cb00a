package io.sluice.scan;

import io.sluice.api.MessageContent;
import io.sluice.config.ScanLimits;
import io.sluice.mime.LimitExceeded;
import io.sluice.mime.MimeNode;
import io.sluice.mime.MimeWalker;
import io.sluice.mime.SpooledMessage;
import io.sluice.scan.virus.LeafScan;
import io.sluice.scan.virus.Signatures;
import jakarta.mail.MessagingException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One pass over a message: the MIME tree as {@link MimeWalker} walks it (reading the spool in
 * place, never copying a large message to the heap), each leaf decoded and streamed once through
 * the embedded virus engine, archives opened recursively ({@link Archives}: every entry after an
 * unreadable one still read), content types detected, text parts decoded, all within
 * {@link ScanLimits}. Thread safe; one instance serves every message.
 */
public final class MessageAnalyzer {

    private final ScanLimits limits;
    private final Signatures signatures;

    public MessageAnalyzer(ScanLimits limits, Signatures signatures) {
        this.limits = limits;
        this.signatures = signatures;
    }

    public Analysis analyze(MessageContent content) throws IOException {
        Walk walk = new Walk(content.file() == null ? null : content.file().getParent());
        try (SpooledMessage message = SpooledMessage.open(content)) {
            try {
                walk.walker.walk(message.parse(), walk);
            } catch (MessagingException | RuntimeException e) {
                if (e instanceof LimitExceeded) {
                    throw (LimitExceeded) e;
                }
                walk.malformed = true;
                if (walk.walker.parts() == 0) {
                    try (InputStream raw = content.openStream()) {
                        walk.walker.count();
                        walk.leaf(raw, "1", "1/archive", "", "message/rfc822", 0, null);
                    }
                }
            }
        } catch (LimitExceeded e) {
            walk.unscannable = e.getMessage();
        }
        return walk.analysis();
    }

    /**
     * One file on its own, as if it were the only attachment of a message: the entry point for the
     * archive readers without MIME around them (a fuzzer's target, for one). Never throws for
     * what the octets are; a limit or a broken archive is in the result.
     */
    public Analysis analyzeFile(String name, byte[] octets) {
        Walk walk = new Walk(null);
        try {
            walk.walker.count();
            walk.leaf(new ByteArrayInputStream(octets), "1", "1/" + name, name, "application/octet-stream", 0, null);
        } catch (LimitExceeded e) {
            walk.unscannable = e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("reading octets in memory", e); // a temp file failed
        }
        return walk.analysis();
    }

    /** The state of one message's analysis. */
    private final class Walk implements MimeWalker.Visitor {
        final MimeWalker walker = new MimeWalker(limits);
        final List<Attachment> attachments = new ArrayList<>();
        final List<TextPart> texts = new ArrayList<>();
        final List<io.sluice.scan.VirusHit> viruses = new ArrayList<>();
        final List<ArchiveFinding> findings = new ArrayList<>();
        final Path spoolDirectory;
        String unscannable;
        boolean malformed;
        long expanded;

        Walk(Path spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
        }

        Analysis analysis() {
            return new Analysis(attachments, texts, viruses, findings, unscannable, malformed, walker.parts());
        }

        @Override
        public void unreadable(MimeNode multipart) {
            malformed = true;
        }

        @Override
        public void leaf(MimeNode node) throws MessagingException, IOException {
            String declared = node.type();
            String name = node.fileName();
            String archivePath = node.path() + "/" + (name.isEmpty() ? "archive" : name);
            Charset textCharset = node.inlineText() ? node.charset() : null;
            try (InputStream in = node.decoded()) {
                leaf(in, node.path(), archivePath, name, declared, node.depth(), textCharset);
            } catch (IOException e) {
                InputStream undecoded = node.undecoded();
                if (undecoded == null) {
                    throw e;
                }
                // the transfer encoding did not decode (a uuencoded part without "begin", say): the part
                // is malformed, and its octets are scanned as they are, so nothing goes unscanned
                malformed = true;
                try (InputStream raw = undecoded) {
                    walker.count();
                    leaf(raw, node.path(), archivePath, name, declared, node.depth(), textCharset);
                }
            }
        }

        /**
         * One leaf: detect, scan, recurse into archives, keep text ({@code textCharset} is null for non-text).
         * {@code archivePath} is what its entries' paths start with, if it turns out to be an archive.
         */
        void leaf(InputStream in, String path, String archivePath, String name, String declared, int depth,
                  Charset textCharset) throws IOException {
            InputStream buffered;
            String detected;
            ArchiveFormat format = null;
            if (textCharset != null) {
                // inline text is read as text whatever it looks like: no need to sniff it
                buffered = in;
                detected = declared;
            } else {
                BufferedInputStream b = new BufferedInputStream(in, TypeDetector.READ_LIMIT + 1);
                b.mark(TypeDetector.READ_LIMIT + 1);
                format = ArchiveFormat.sniff(b.readNBytes(ArchiveFormat.HEAD));
                b.reset();
                detected = TypeDetector.detect(b);
                b.reset();
                buffered = b;
            }
            LeafScan scan = signatures.scan();
            Tee tee = new Tee(buffered, scan, textCharset != null ? limits.maxTextChars() * 4L : 0);
            if (format != null) {
                if (depth + 1 > limits.maxDepth()) {
                    throw new LimitExceeded("nested deeper than " + limits.maxDepth() + " levels");
                }
                Archives.read(format, tee, tee::count, name, spoolDirectory, new Members(archivePath, depth + 1));
            }
            tee.drain();
            String hit = scan.finish();
            if (hit != null) {
                viruses.add(new io.sluice.scan.VirusHit(hit, path, "embedded"));
            }
            if (textCharset != null) {
                String text = tee.text(textCharset);
                texts.add(new TextPart(path, declared, declared.equals("text/html") ? Html.toText(text) : text));
            } else {
                attachments.add(new Attachment(path, name, declared, detected, scan.size(), false));
            }
        }

        /** The entries of one archive at {@code path}, {@code depth} levels down. */
        private final class Members implements ArchiveVisitor {
            private final String path;
            private final int depth;

            Members(String path, int depth) {
                this.path = path;
                this.depth = depth;
            }

            @Override
            public void entry(String name, InputStream content, LongSupplier compressed) throws IOException {
                String member = path + "/" + (name.isEmpty() ? "(unnamed)" : name);
                walker.count();
                leaf(new RatioGuard(content, compressed), member, member, Archives.baseName(name), "", depth, null);
            }

            @Override
            public void encrypted(String name) {
                walker.count();
                attachments.add(new Attachment(path + "/" + (name.isEmpty() ? "(encrypted)" : name), Archives.baseName(name), "",
                        "application/octet-stream", 0, true));
            }

            @Override
            public void finding(ArchiveFinding.Kind kind, String name, String detail) {
                findings.add(new ArchiveFinding(kind, path, name, detail));
            }

            @Override
            public int room() {
                return walker.room();
            }

            @Override
            public void tooMany() {
                throw new LimitExceeded("more than " + limits.maxParts() + " parts and archive members");
            }
        }

        /** Counts expanded octets against the limit, feeds the virus engine, keeps text. */
        private final class Tee extends FilterInputStream {
            private final LeafScan scan;
            private final long textLimit;
            private final ByteArrayOutputStream text;
            private long count;

            Tee(InputStream in, LeafScan scan, long textLimit) {
                super(in);
                this.scan = scan;
                this.textLimit = textLimit;
                this.text = textLimit > 0 ? new ByteArrayOutputStream() : null;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count += n;
                    expanded += n;
                    if (expanded > limits.maxExpandedBytes()) {
                        throw new LimitExceeded("more than " + limits.maxExpandedBytes() + " octets when decoded");
                    }
                    scan.update(b, off, n);
                    if (text != null && text.size() < textLimit) {
                        text.write(b, off, (int) Math.min(n, textLimit - text.size()));
                    }
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] buf = new byte[8192];
                long done = 0;
                while (done < n) {
                    int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                    if (r < 0) {
                        break;
                    }
                    done += r;
                }
                return done;
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            void drain() throws IOException {
                byte[] buf = new byte[16 * 1024];
                while (read(buf, 0, buf.length) >= 0) {
                    // everything passes through scan and counters
                }
            }

            long count() {
                return count;
            }

            String text(Charset charset) {
                byte[] bytes = text.toByteArray();
                String s = new String(bytes, charset);
                return s.length() > limits.maxTextChars() ? s.substring(0, limits.maxTextChars()) : s;
            }
        }

        /** Stops an archive member that expands far more than it was compressed (a zip bomb). */
        private final class RatioGuard extends FilterInputStream {
            private final LongSupplier compressed;
            private long expandedHere;

            RatioGuard(InputStream member, LongSupplier compressed) {
                super(member);
                this.compressed = compressed;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    expandedHere += n;
                    if (expandedHere > 1024 * 1024 && expandedHere / Math.max(1, compressed.getAsLong()) > limits.maxRatio()) {
                        throw new LimitExceeded("an archive member expands more than " + limits.maxRatio()
                                + " times (a zip bomb?)");
                    }
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }
        }
    }
}
