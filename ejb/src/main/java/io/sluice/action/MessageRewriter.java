package io.sluice.action;

import io.sluice.api.MessageContent;
import io.sluice.config.ScanLimits;
import io.sluice.mime.MimeNode;
import io.sluice.mime.MimeWalker;
import io.sluice.mime.SpooledMessage;
import io.sluice.policy.CompiledRule;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a message's body for delivery: attachments whose file name matches a glob are replaced
 * by a short text part, and a disclaimer is appended to the body's text/plain and text/html parts.
 *
 * <p>The parts are those {@link MimeWalker} finds, the same the analysis (and so the
 * ATTACHMENT_NAME filter) sees: attachments inside attached messages and nested multiparts too.
 * Jakarta Mail parses the message (over the spool, without copying it) and decodes and encodes
 * what is changed; the new octets of a changed part replace exactly that part's octets, and every
 * other octet (header fields, boundaries, preamble, epilogue, untouched parts) is copied through
 * as it came. Signed and encrypted parts are never changed: that would break them.
 */
public final class MessageRewriter {

    /**
     * @param stripped   file names of the attachments replaced by a notice
     * @param disclaimed how many text parts got the disclaimer
     * @param untouched  parts left alone because they are signed or encrypted, e.g. "multipart/signed"
     */
    public record Rewrite(List<String> stripped, int disclaimed, List<String> untouched) {
        public Rewrite {
            stripped = List.copyOf(stripped);
            untouched = List.copyOf(untouched);
        }

        public boolean changed() {
            return !stripped.isEmpty() || disclaimed > 0;
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");
    private static final Pattern HTML_END = Pattern.compile("(?i)</html\\s*>");

    private final List<Predicate<String>> strip;
    private final List<String> disclaimers;
    private final Function<String, String> notice;
    private final ScanLimits limits;

    public MessageRewriter(List<String> stripGlobs, List<String> disclaimers, Function<String, String> notice) {
        this(stripGlobs, disclaimers, notice, ScanLimits.DEFAULT);
    }

    /** With the analysis's limits: a message nested deeper, or of more parts, is not rewritten. */
    public MessageRewriter(List<String> stripGlobs, List<String> disclaimers, Function<String, String> notice,
                           ScanLimits limits) {
        this.strip = stripGlobs.stream().map(CompiledRule::fileNameGlob).toList();
        this.disclaimers = List.copyOf(disclaimers);
        this.notice = notice;
        this.limits = limits;
    }

    /** One part's octets replaced: [start, end) of the original message by {@code octets}. */
    private record Replacement(long start, long end, byte[] octets) {
    }

    /** What the walk over one message found to do. */
    private final class Plan implements MimeWalker.Visitor {
        final List<Replacement> replacements = new ArrayList<>();
        final List<String> stripped = new ArrayList<>();
        final List<String> untouched = new ArrayList<>();
        int disclaimed;

        @Override
        public boolean enter(MimeNode multipart) {
            if (isSealed(multipart.type())) {
                untouched.add(multipart.type());
                return false;
            }
            return true;
        }

        @Override
        public void leaf(MimeNode part) throws MessagingException, IOException {
            String type = part.type();
            if (isSealed(type)) {
                untouched.add(type);
                return;
            }
            if (part.inlineText()) {
                if (part.body() && !disclaimers.isEmpty() && part.fileName().isEmpty()
                        && !Part.ATTACHMENT.equalsIgnoreCase(part.disposition())) {
                    byte[] changed = withDisclaimer(part, type);
                    if (changed != null) {
                        replace(part, changed, this);
                        disclaimed++;
                    }
                }
                return;
            }
            String name = part.fileName();
            if (strip.stream().anyMatch(p -> p.test(name))) {
                replace(part, noticePart(notice.apply(name), part), this);
                stripped.add(name);
            }
        }
    }

    /** Reads the message (exact octets as received, CRLF line ends) and writes the rewritten one to {@code out}. */
    public Rewrite rewrite(MessageContent content, OutputStream out) throws IOException {
        try (SpooledMessage message = SpooledMessage.open(content)) {
            Plan plan = new Plan();
            try {
                new MimeWalker(limits).walk(message.parse(), plan);
            } catch (MessagingException | RuntimeException e) {
                throw new IOException("cannot parse the message for rewriting: " + e.getMessage(), e);
            }
            write(message, plan.replacements, out);
            return new Rewrite(plan.stripped, plan.disclaimed, plan.untouched);
        }
    }

    /** Plans to replace the whole part (header fields and content) by {@code octets}. */
    private static void replace(MimeNode part, byte[] octets, Plan plan) throws IOException {
        plan.replacements.add(new Replacement(part.start(), part.end(), octets));
    }

    /** The part with the disclaimer appended, or {@code null} when its text cannot be decoded. */
    private byte[] withDisclaimer(MimeNode part, String type) throws MessagingException, IOException {
        ContentType ct = contentType(part);
        String declared = ct.getParameter("charset");
        Charset charset; // what the text is written in: a part that names no charset must stay ASCII (RFC 2045 §5.2)
        String text;
        try {
            charset = declared == null ? StandardCharsets.US_ASCII : charset(declared);
        } catch (IllegalArgumentException e) {
            return null; // an unknown charset: the part is better left as it is than garbled
        }
        try (InputStream in = part.decoded()) {
            text = new String(in.readAllBytes(), part.charset()); // read as the analysis reads it
        } catch (IOException e) {
            return null; // the transfer encoding does not decode
        }
        String addition = String.join("\r\n\r\n", disclaimers);
        String changed = type.equals("text/html") ? html(text, addition) : plain(text, addition);
        String newType = null; // the Content-Type field stays as it came unless the charset must change
        if (!charset.newEncoder().canEncode(changed)) { // keep the charset if it can say the disclaimer
            charset = StandardCharsets.UTF_8;
            ct.setParameter("charset", "UTF-8");
            newType = ct.toString();
        }
        String encoding = part.transferEncoding();
        String newEncoding = null; // likewise the Content-Transfer-Encoding field
        boolean identity = encoding == null || encoding.equalsIgnoreCase("7bit") || encoding.equalsIgnoreCase("8bit");
        if (identity && (!isAscii(changed) && !"8bit".equalsIgnoreCase(encoding) || hasLongLine(changed, charset))) {
            newEncoding = "quoted-printable"; // RFC 5322 §2.1.1: no line over 998 octets
        }
        byte[] body = encode(changed.getBytes(charset), newEncoding != null ? newEncoding : encoding);
        return part(part.headerFields(), newType, newEncoding, null, body, part.ownsLastLineBreak());
    }

    /** Java's own name for a MIME charset first (Jakarta Mail maps us-ascii to ISO-8859-1), then Jakarta Mail's map. */
    private static Charset charset(String mimeName) {
        try {
            return Charset.forName(mimeName.trim());
        } catch (IllegalArgumentException e) {
            return Charset.forName(MimeUtility.javaCharset(mimeName));
        }
    }

    private static String plain(String text, String addition) {
        String t = lines(text);
        return t + (t.isEmpty() || t.endsWith("\r\n") ? "" : "\r\n") + "\r\n" + lines(addition) + "\r\n";
    }

    private static String html(String text, String addition) {
        String escaped = "<p>" + lines(addition).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("\r\n", "<br>\r\n") + "</p>\r\n";
        int at = lastMatch(BODY_END, text);
        if (at < 0) {
            at = lastMatch(HTML_END, text);
        }
        if (at < 0) {
            String t = lines(text);
            return t + (t.isEmpty() || t.endsWith("\r\n") ? "" : "\r\n") + escaped;
        }
        return lines(text.substring(0, at)) + escaped + lines(text.substring(at));
    }

    private static int lastMatch(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int at = -1;
        while (m.find()) {
            at = m.start();
        }
        return at;
    }

    /** Line breaks as CRLF, the canonical form of text in MIME. */
    private static String lines(String s) {
        return s.replaceAll("\r\n|\r|\n", "\r\n");
    }

    private static boolean hasLongLine(String text, Charset charset) {
        return Arrays.stream(text.split("\r\n")).anyMatch(l -> l.getBytes(charset).length > 998);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    /**
     * The notice that takes a stripped attachment's place: a part of its own, or, when a whole
     * message (this one, or one attached to it) was the attachment, that message's body under its
     * own header fields.
     */
    private static byte[] noticePart(String text, MimeNode stripped) throws IOException {
        String t = lines(text);
        boolean ascii = isAscii(t);
        String encoding = ascii ? "7bit" : "quoted-printable";
        return part(stripped.isMessage() ? stripped.headerFields() : null, "text/plain; charset=" + (ascii ? "us-ascii" : "UTF-8"),
                encoding, "inline", encode(t.getBytes(StandardCharsets.UTF_8), encoding), stripped.ownsLastLineBreak());
    }

    /**
     * A part's new octets: the original header fields in their order, with Content-Type and
     * Content-Transfer-Encoding replaced where new values are given (a new one goes right after
     * Content-Type) and Content-Disposition added if given; then the content. A part inside a
     * multipart ends without its last line break, which belongs to the boundary after it.
     *
     * @param original the original header fields as they came, or {@code null} for a part of its own
     */
    private static byte[] part(List<String> original, String contentType, String encoding, String disposition, byte[] body,
                               boolean ownsLastLineBreak) {
        List<String> lines = new ArrayList<>();
        boolean typeDone = contentType == null;
        boolean encodingDone = encoding == null;
        if (original != null) {
            boolean hasEncoding = original.stream().anyMatch(f -> fieldName(f).equals("content-transfer-encoding"));
            for (String line : original) {
                String name = fieldName(line);
                if (name.equals("content-disposition") && disposition != null) {
                    continue; // replaced below
                }
                if (name.equals("content-transfer-encoding") && encoding != null) {
                    if (!encodingDone) {
                        lines.add("Content-Transfer-Encoding: " + encoding);
                        encodingDone = true;
                    }
                    continue;
                }
                lines.add(name.equals("content-type") && contentType != null
                        ? MimeUtility.fold(14, "Content-Type: " + contentType) : line);
                if (name.equals("content-type")) {
                    typeDone = true;
                    if (!encodingDone && !hasEncoding) {
                        lines.add("Content-Transfer-Encoding: " + encoding);
                        encodingDone = true;
                    }
                }
            }
        }
        if (!typeDone) {
            lines.add(MimeUtility.fold(14, "Content-Type: " + contentType));
        }
        if (!encodingDone) {
            lines.add("Content-Transfer-Encoding: " + encoding);
        }
        if (disposition != null) {
            lines.add("Content-Disposition: " + disposition);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        int length = body.length;
        boolean endsWithCrlf = length >= 2 && body[length - 2] == '\r' && body[length - 1] == '\n';
        if (ownsLastLineBreak) {
            out.write(body, 0, length);
            if (!endsWithCrlf) {
                out.writeBytes(CRLF);
            }
        } else {
            out.write(body, 0, endsWithCrlf ? length - 2 : length);
        }
        return out.toByteArray();
    }

    /** Encodes with Jakarta Mail's encoders; 7bit, 8bit and none leave the octets as they are. */
    private static byte[] encode(byte[] octets, String encoding) throws IOException {
        if (encoding == null || encoding.equalsIgnoreCase("7bit") || encoding.equalsIgnoreCase("8bit")
                || encoding.equalsIgnoreCase("binary")) {
            return octets;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(octets.length * 4 / 3 + 64);
        try (OutputStream encoder = MimeUtility.encode(out, encoding)) {
            encoder.write(octets);
        } catch (MessagingException e) {
            throw new IOException(e);
        }
        return out.toByteArray(); // the last line break, if any, is settled by part()
    }

    /** Copies the message with the replacements made. */
    private static void write(SpooledMessage message, List<Replacement> replacements, OutputStream out)
            throws IOException {
        List<Replacement> sorted = new ArrayList<>(replacements);
        sorted.sort(Comparator.comparingLong(Replacement::start));
        long at = 0;
        for (Replacement r : sorted) {
            message.copy(at, r.start(), out);
            out.write(r.octets());
            at = r.end();
        }
        message.copy(at, message.size(), out);
    }

    /** Parts whose octets are signed or encrypted as a whole. */
    private static boolean isSealed(String type) {
        return type.equals("multipart/signed") || type.equals("multipart/encrypted")
                || type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime");
    }

    private static String fieldName(String field) {
        return field.substring(0, Math.max(0, field.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
    }

    /** The Content-Type field parsed, to change a parameter of it. */
    private static ContentType contentType(MimeNode part) throws MessagingException {
        String raw = part.part().getContentType();
        try {
            return new ContentType(raw == null ? "text/plain" : MimeUtility.unfold(raw));
        } catch (ParseException e) {
            return new ContentType("application/octet-stream");
        }
    }
}
