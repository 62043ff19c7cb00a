package io.sluice.dkim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Signs a message (RFC 6376 §5) from a stream and returns the DKIM-Signature field to put on top
 * of it. The fields signed are those of {@link #SIGNED} the message has, each as often as it
 * occurs plus once more, so that none can be added later without breaking the signature (§8.15,
 * "over-signing"). The {@code b=} tag comes last so that its value can be folded freely: a
 * verifier removes it with all its white space.
 */
public final class DkimSigner {

    /** The fields worth signing (RFC 6376 §5.4.1), in the order they go into {@code h=}. */
    public static final List<String> SIGNED = List.of("from", "reply-to", "subject", "date", "to", "cc",
            "message-id", "in-reply-to", "references", "mime-version", "content-type",
            "content-transfer-encoding", "content-disposition", "sender", "list-id", "list-unsubscribe",
            "list-unsubscribe-post");

    private final Clock clock;

    public DkimSigner(Clock clock) {
        this.clock = clock;
    }

    /** The DKIM-Signature field, with its CRLF, for the message {@code message} (read to its end). */
    public String sign(InputStream message, SigningKey key, Canonicalization headerCanon, Canonicalization bodyCanon)
            throws IOException, GeneralSecurityException {
        return sign(message, header -> key, headerCanon, bodyCanon);
    }

    /**
     * As {@link #sign(InputStream, SigningKey, Canonicalization, Canonicalization)}, with the key
     * chosen from the message's header (by its author's domain, say); null, and the body left
     * unread, when {@code keyFor} has none for it.
     */
    public String sign(InputStream message, Function<List<HeaderField>, SigningKey> keyFor, Canonicalization headerCanon,
                       Canonicalization bodyCanon) throws IOException, GeneralSecurityException {
        InputStream in = new BufferedInputStream(message, 64 * 1024);
        HeaderBlock header = HeaderBlock.read(in, HeaderBlock.DEFAULT_LIMIT);
        SigningKey key = keyFor.apply(header.fields());
        if (key == null) {
            return null;
        }
        BodyHashes bodies = new BodyHashes();
        BodyHashes.BodyHash body = bodies.want(bodyCanon, key.algorithm(), -1);
        bodies.readBody(in);
        List<String> names = namesToSign(header.fields());
        String unsigned = DkimSignature.FIELD + ": v=1; a=" + key.algorithm().tag() + "; c=" + headerCanon.tagValue() + "/"
                + bodyCanon.tagValue() + "; d=" + key.domain() + "; s=" + key.selector() + ";\r\n\tt="
                + clock.instant().getEpochSecond() + "; h=" + fold(names) + ";\r\n\tbh="
                + Base64.getEncoder().encodeToString(body.value()) + ";\r\n\tb=";
        HeaderField field = HeaderField.of(unsigned);
        byte[] data = HeaderHash.data(header.fields(), names, headerCanon, field);
        return unsigned + foldBase64(Base64.getEncoder().encodeToString(key.algorithm().sign(key.privateKey(), data))) + "\r\n";
    }

    /** Each field of {@link #SIGNED} present, once per occurrence and once more. */
    public static List<String> namesToSign(List<HeaderField> header) {
        Map<String, Long> counts = header.stream().collect(Collectors.groupingBy(HeaderField::lowerName, Collectors.counting()));
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            long n = counts.getOrDefault(name, 0L);
            for (long i = 0; i < n + (n > 0 || name.equals("from") ? 1 : 0); i++) {
                names.add(name);
            }
        }
        return names;
    }

    /** The {@code h=} value, folded before a name that would pass column 76. */
    static String fold(List<String> names) {
        StringBuilder b = new StringBuilder();
        int column = 12; // after "\tt=..........; h="
        for (int i = 0; i < names.size(); i++) {
            String piece = (i == 0 ? "" : ":") + names.get(i);
            if (column + piece.length() > 76) {
                b.append("\r\n\t");
                column = 8;
            }
            b.append(piece);
            column += piece.length();
        }
        return b.toString();
    }

    /** A base64 value in lines of 70 characters. */
    static String foldBase64(String b64) {
        StringBuilder b = new StringBuilder(b64.length() + b64.length() / 70 * 3);
        for (int i = 0; i < b64.length(); i += 70) {
            if (i > 0) {
                b.append("\r\n\t");
            }
            b.append(b64, i, Math.min(b64.length(), i + 70));
        }
        return b.toString();
    }
}
