package io.sluice.action;

import io.sluice.api.MessageContent;
import io.sluice.policy.CompiledRule;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a message's body for delivery: attachments whose file name matches a glob are replaced
 * by a short text part, and a disclaimer is appended to the body's text/plain and text/html parts.
 *
 * <p>Jakarta Mail parses the message (over the spool, without copying it) and decodes and encodes
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

    private static final Session SESSION;

    static {
        Properties p = new Properties();
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.parameters.strict", "false");
        // no mail.mime.allowutf8: header lines are read octet for octet (ISO-8859-1), so their length is exact
        SESSION = Session.getInstance(p);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");
    private static final Pattern HTML_END = Pattern.compile("(?i)</html\\s*>");

    private final List<Predicate<String>> strip;
    private final List<String> disclaimers;
    private final Function<String, String> notice;

    public MessageRewriter(List<String> stripGlobs, List<String> disclaimers, Function<String, String> notice) {
        this.strip = stripGlobs.stream().map(CompiledRule::fileNameGlob).toList();
        this.disclaimers = List.copyOf(disclaimers);
        this.notice = notice;
    }

    /** One part's octets replaced: [start, end) of the original message by {@code octets}. */
    private record Replacement(long start, long end, byte[] octets) {
    }

    /** What the walk over one message found to do. */
    private final class Plan {
        final List<Replacement> replacements = new ArrayList<>();
        final List<String> stripped = new ArrayList<>();
        final List<String> untouched = new ArrayList<>();
        int disclaimed;
    }

    /** Reads the message (exact octets as received, CRLF line ends) and writes the rewritten one to {@code out}. */
    public Rewrite rewrite(MessageContent content, OutputStream out) throws IOException {
        try (SpoolSlice.Octets octets = content.file() != null ? SpoolSlice.Octets.of(content.file())
                : SpoolSlice.Octets.of(readAll(content))) {
            Plan plan = new Plan();
            try {
                MimeMessage message = new MimeMessage(SESSION, new SpoolSlice(octets, 0, octets.size()));
                walk(message, true, true, plan);
            } catch (MessagingException | RuntimeException e) {
                throw new IOException("cannot parse the message for rewriting: " + e.getMessage(), e);
            }
            write(octets, plan.replacements, out);
            return new Rewrite(plan.stripped, plan.disclaimed, plan.untouched);
        }
    }

    private static byte[] readAll(MessageContent content) throws IOException {
        try (InputStream in = content.openStream()) {
            return in.readAllBytes(); // only small messages live in memory
        }
    }

    /**
     * Looks at one part. {@code body} says whether it is (part of) the message body that
     * disclaimers go to: the first part of a mixed or related multipart, every alternative.
     */
    private void walk(MimePart part, boolean top, boolean body, Plan plan) throws MessagingException, IOException {
        String type = baseType(part);
        if (isSealed(type)) {
            plan.untouched.add(type);
            return;
        }
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof MimeMultipart multipart)) {
                return;
            }
            boolean alternative = type.equals("multipart/alternative");
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child instanceof MimeBodyPart m) {
                    walk(m, false, body && (alternative || i == 0), plan);
                }
            }
            return;
        }
        if (type.equals("message/rfc822") && !top && fileName(part) == null) {
            // a forwarded message: its attachments are attachments of this one, as the analysis
            // sees them (ATTACHMENT_NAME matches inside it), so stripping reaches them too; its
            // text is the other message's, so no disclaimer goes there
            Object content = part.getContent();
            if (content instanceof MimeMessage inner) {
                walkInner(inner, plan);
                return;
            }
        }
        String name = fileName(part);
        if (name != null && strip.stream().anyMatch(p -> p.test(name))) {
            replace(part, top, noticePart(notice.apply(name), top ? part : null), plan);
            plan.stripped.add(name);
            return;
        }
        if (body && !disclaimers.isEmpty() && name == null && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                && (type.equals("text/plain") || type.equals("text/html"))) {
            byte[] changed = withDisclaimer(part, type, top);
            if (changed != null) {
                replace(part, top, changed, plan);
                plan.disclaimed++;
            }
        }
    }

    /** The parts of a forwarded message; the message itself, header fields and all, stays. */
    private void walkInner(MimeMessage inner, Plan plan) throws MessagingException, IOException {
        String type = baseType(inner);
        if (isSealed(type)) {
            plan.untouched.add(type);
            return;
        }
        if (type.startsWith("multipart/") && inner.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i) instanceof MimeBodyPart m) {
                    walk(m, false, false, plan);
                }
            }
        }
    }

    /** Plans to replace the whole part (header fields and content) by {@code octets}. */
    private static void replace(MimePart part, boolean top, byte[] octets, Plan plan) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeBodyPart b ? b.getRawInputStream() : ((MimeMessage) part).getRawInputStream();
        if (!(raw instanceof SpoolSlice content)) {
            throw new IOException("a part of the message cannot be located in it");
        }
        long start = top ? 0 : content.start() - headerLength(part);
        plan.replacements.add(new Replacement(start, content.end(), octets));
    }

    /** The octets of the part's header section as it came: its lines, each with CRLF, and the empty line. */
    private static long headerLength(MimePart part) throws MessagingException {
        long n = 2;
        for (String line : Collections.list(part.getAllHeaderLines())) {
            n += line.length() + 2; // one char per octet: the lines were read as ISO-8859-1
        }
        return n;
    }

    /** The part with the disclaimer appended, or {@code null} when its text cannot be decoded. */
    private byte[] withDisclaimer(MimePart part, String type, boolean top) throws MessagingException, IOException {
        ContentType ct = contentType(part);
        String declared = ct.getParameter("charset");
        Charset charset;
        String text;
        try {
            charset = declared == null ? StandardCharsets.US_ASCII : charset(declared);
            if (!(part.getContent() instanceof String s)) {
                return null;
            }
            text = s;
        } catch (IllegalArgumentException | IOException e) {
            return null; // an unknown charset: the part is better left as it is than garbled
        }
        String addition = String.join("\r\n\r\n", disclaimers);
        String changed = type.equals("text/html") ? html(text, addition) : plain(text, addition);
        String newType = null; // the Content-Type field stays as it came unless the charset must change
        if (!charset.newEncoder().canEncode(changed)) { // keep the charset if it can say the disclaimer
            charset = StandardCharsets.UTF_8;
            ct.setParameter("charset", "UTF-8");
            newType = ct.toString();
        }
        String encoding = part.getEncoding();
        String newEncoding = null; // likewise the Content-Transfer-Encoding field
        boolean identity = encoding == null || encoding.equalsIgnoreCase("7bit") || encoding.equalsIgnoreCase("8bit");
        if (identity && (!isAscii(changed) && !"8bit".equalsIgnoreCase(encoding) || hasLongLine(changed, charset))) {
            newEncoding = "quoted-printable"; // RFC 5322 §2.1.1: no line over 998 octets
        }
        byte[] body = encode(changed.getBytes(charset), newEncoding != null ? newEncoding : encoding);
        return part(part, newType, newEncoding, null, body, top);
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
     * The notice that takes a stripped attachment's place: a part of its own, or, when the whole
     * message was the attachment, the message's body under its own header fields.
     */
    private static byte[] noticePart(String text, MimePart message) throws IOException {
        String t = lines(text);
        boolean ascii = isAscii(t);
        String encoding = ascii ? "7bit" : "quoted-printable";
        return part(message, "text/plain; charset=" + (ascii ? "us-ascii" : "UTF-8"), encoding, "inline",
                encode(t.getBytes(StandardCharsets.UTF_8), encoding), message != null);
    }

    /**
     * A part's new octets: the original header fields in their order, with Content-Type and
     * Content-Transfer-Encoding replaced where new values are given (a new one goes right after
     * Content-Type) and Content-Disposition added if given; then the content. A part inside a
     * multipart ends without its last line break, which belongs to the boundary after it.
     */
    private static byte[] part(MimePart original, String contentType, String encoding, String disposition, byte[] body,
                               boolean top) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean typeDone = contentType == null;
        boolean encodingDone = encoding == null;
        if (original != null) {
            try {
                for (String line : Collections.list(original.getAllHeaderLines())) {
                    String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
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
                        if (!encodingDone && original.getHeader("Content-Transfer-Encoding") == null) {
                            lines.add("Content-Transfer-Encoding: " + encoding);
                            encodingDone = true;
                        }
                    }
                }
            } catch (MessagingException e) {
                throw new IOException(e);
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
        if (top) {
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
    private static void write(SpoolSlice.Octets octets, List<Replacement> replacements, OutputStream out)
            throws IOException {
        List<Replacement> sorted = new ArrayList<>(replacements);
        sorted.sort(Comparator.comparingLong(Replacement::start));
        long at = 0;
        byte[] buffer = new byte[16 * 1024];
        for (Replacement r : sorted) {
            copy(octets, at, r.start(), buffer, out);
            out.write(r.octets());
            at = r.end();
        }
        copy(octets, at, octets.size(), buffer, out);
    }

    private static void copy(SpoolSlice.Octets octets, long from, long to, byte[] buffer, OutputStream out)
            throws IOException {
        long at = from;
        while (at < to) {
            int n = octets.read(at, buffer, 0, (int) Math.min(buffer.length, to - at));
            if (n <= 0) {
                throw new IOException("the message ended before offset " + to);
            }
            out.write(buffer, 0, n);
            at += n;
        }
    }

    /** Parts whose octets are signed or encrypted as a whole. */
    private static boolean isSealed(String type) {
        return type.equals("multipart/signed") || type.equals("multipart/encrypted")
                || type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime");
    }

    private static String baseType(MimePart part) throws MessagingException {
        try {
            return contentType(part).getBaseType().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static ContentType contentType(MimePart part) throws MessagingException {
        String raw = part.getHeader("Content-Type", null);
        try {
            return new ContentType(raw == null ? "text/plain" : MimeUtility.unfold(raw));
        } catch (ParseException e) {
            return new ContentType("application/octet-stream");
        }
    }

    private static String fileName(MimePart part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : name;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
