package io.sluice.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One part of a message as {@link MimeWalker} reaches it, and the one way to read what the
 * analysis and the rewriter both need from it: type, file name, disposition, charset, and where
 * its octets lie in the message.
 */
public final class MimeNode {

    /**
     * The charset text is read in when its part names none. RFC 2045 §5.2 says US-ASCII, but mail
     * that names none and is not ASCII is UTF-8 far more often than anything else.
     */
    public static final Charset DEFAULT_CHARSET = StandardCharsets.UTF_8;

    private final Part part;
    private final String path;
    private final int depth;
    private final boolean root;
    private final boolean body;
    private final boolean ownsLastLineBreak;
    private String type;
    private String fileName;

    private MimeNode(Part part, String path, int depth, boolean root, boolean body, boolean ownsLastLineBreak) {
        this.part = part;
        this.path = path;
        this.depth = depth;
        this.root = root;
        this.body = body;
        this.ownsLastLineBreak = ownsLastLineBreak;
    }

    static MimeNode root(Part message) {
        return new MimeNode(message, "1", 0, true, true, true);
    }

    /** The {@code index}th part (from 0) of this multipart. */
    MimeNode child(Part child, int index) {
        boolean alternative = type().equals("multipart/alternative");
        // the CRLF before the next boundary belongs to the boundary (RFC 2046 §5.1.1)
        return new MimeNode(child, path + "." + (index + 1), depth + 1, false, body && (alternative || index == 0),
                false);
    }

    /** The message this message/rfc822 part carries: someone else's text, so no part of this one's body. */
    MimeNode attached(MimeMessage message) {
        return new MimeNode(message, path + ".1", depth + 1, false, false, ownsLastLineBreak);
    }

    public Part part() {
        return part;
    }

    /** Where it sits in the tree: "1" for the message, "1.2" for its second part, and so on. */
    public String path() {
        return path;
    }

    /** Multiparts and attached messages around it. */
    public int depth() {
        return depth;
    }

    /** The message itself (not a part of it). */
    public boolean root() {
        return root;
    }

    /**
     * Whether it is part of the message's own body text: the message, the first part of a mixed
     * or related multipart of the body, every alternative; never anything inside an attached
     * message.
     */
    public boolean body() {
        return body;
    }

    /** A message (the whole one, or one attached to it), with header fields such as From and Subject. */
    public boolean isMessage() {
        return part instanceof MimeMessage;
    }

    /**
     * Whether its octets end with their own last line break. They do for the message itself (and
     * a message attached as its whole content); a part inside a multipart ends before the CRLF
     * that belongs to the next boundary.
     */
    public boolean ownsLastLineBreak() {
        return ownsLastLineBreak;
    }

    /** The declared MIME type without parameters, lower case; application/octet-stream when it cannot be parsed. */
    public String type() {
        if (type == null) {
            try {
                type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            } catch (MessagingException | RuntimeException e) {
                type = "application/octet-stream";
            }
        }
        return type;
    }

    /**
     * The file name from Content-Disposition's filename, else Content-Type's name; RFC 2231
     * parameters are decoded by Jakarta Mail's parameter parser, RFC 2047 encoded words by
     * {@link EncodedWords}. "" when it has none (or none that can be parsed).
     */
    public String fileName() {
        if (fileName == null) {
            String raw;
            try {
                raw = part.getFileName();
            } catch (MessagingException | RuntimeException e) {
                raw = null;
            }
            fileName = raw == null ? "" : EncodedWords.decode(raw);
        }
        return fileName;
    }

    /** Content-Disposition's value; inline when there is none (RFC 2183 leaves it to the reader). */
    public String disposition() {
        try {
            String d = part.getDisposition();
            return d == null ? Part.INLINE : d;
        } catch (MessagingException | RuntimeException e) {
            return Part.INLINE;
        }
    }

    /**
     * Text to be read as the message's text (plain or HTML, without a name or shown inline), as
     * opposed to an attachment: the parts that file name filters and stripping look at are the
     * other leaves.
     */
    public boolean inlineText() {
        String t = type();
        return (t.equals("text/plain") || t.equals("text/html"))
                && (fileName().isEmpty() || Part.INLINE.equalsIgnoreCase(disposition()));
    }

    /** The charset parameter as declared, or {@code null}. */
    public String declaredCharset() {
        try {
            String cs = new ContentType(part.getContentType()).getParameter("charset");
            return cs == null || cs.isBlank() ? null : cs.trim();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The charset to read the text in: {@link #DEFAULT_CHARSET} when it names none, ISO-8859-1 when it names one Java lacks. */
    public Charset charset() {
        try {
            String cs = new ContentType(part.getContentType()).getParameter("charset");
            if (cs == null || cs.isBlank()) {
                return DEFAULT_CHARSET;
            }
            return Charset.forName(MimeUtility.javaCharset(cs.trim()));
        } catch (MessagingException | RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Content-Transfer-Encoding, or {@code null}. */
    public String transferEncoding() {
        try {
            return part instanceof MimePart p ? p.getEncoding() : null;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The content with its transfer encoding undone; an IOException when that fails. */
    public InputStream decoded() throws IOException, MessagingException {
        return part.getInputStream();
    }

    /** The content as it is in the message, or {@code null} when the part has no octets of its own. */
    public InputStream undecoded() throws MessagingException {
        return part instanceof MimeBodyPart b ? b.getRawInputStream()
                : part instanceof MimeMessage m ? m.getRawInputStream() : null;
    }

    /** Where the part (header fields and all) begins in the message's octets. */
    public long start() throws IOException {
        return wholeStart(content());
    }

    /** Where the part ends (exclusive) in the message's octets. */
    public long end() throws IOException {
        return content().end();
    }

    /**
     * The part's header fields exactly as they are in the message, one string per field (ISO-8859-1,
     * one char per octet), continuation lines joined with CRLF; without the empty line after them.
     */
    public List<String> headerFields() throws IOException {
        SpoolSlice content = content();
        long from = wholeStart(content);
        int length = (int) (content.start() - from);
        byte[] octets = new byte[length];
        int done = 0;
        while (done < length) {
            int n = content.octets().read(from + done, octets, done, length - done);
            if (n <= 0) {
                throw new IOException("the message ended in a part's header");
            }
            done += n;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = null;
        for (String line : new String(octets, StandardCharsets.ISO_8859_1).split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                break; // the empty line that ends the header section
            }
            if (field != null && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                field.append("\r\n").append(line);
                continue;
            }
            if (field != null) {
                fields.add(field.toString());
            }
            field = new StringBuilder(line);
        }
        if (field != null) {
            fields.add(field.toString());
        }
        return fields;
    }

    /** The slice of the part's content, as Jakarta Mail cut it from the spool. */
    private SpoolSlice content() throws IOException {
        InputStream raw;
        try {
            raw = undecoded();
        } catch (MessagingException e) {
            throw new IOException(e);
        }
        if (!(raw instanceof SpoolSlice slice) || slice.grandparentStart() < 0) {
            throw new IOException("a part of the message cannot be located in it");
        }
        return slice;
    }

    /**
     * Where the whole part begins: Jakarta Mail reads a part's header fields from the slice it was
     * given and cuts the content from that, and the raw stream from the content.
     */
    private static long wholeStart(SpoolSlice raw) {
        return raw.grandparentStart();
    }
}
