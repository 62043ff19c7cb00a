package io.sluice.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header data a signature covers (RFC 6376 §3.7, §5.4.2): the fields {@code h=} names, each
 * chosen from the bottom of the header up, a name listed more often than it occurs contributing
 * nothing for the extra times; then the signature field itself with its {@code b=} value removed
 * and without its final CRLF.
 */
public final class HeaderHash {

    private HeaderHash() {
    }

    public static byte[] data(List<HeaderField> header, List<String> names, Canonicalization c, HeaderField signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (HeaderField f : select(header, names)) {
            out.writeBytes(c.header(f.raw()).getBytes(StandardCharsets.ISO_8859_1));
        }
        String self = c.header(withoutB(signature));
        out.writeBytes(self.substring(0, self.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** The fields {@code names} selects, in the order named (§5.4.2). */
    public static List<HeaderField> select(List<HeaderField> header, List<String> names) {
        boolean[] used = new boolean[header.size()];
        List<HeaderField> selected = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.isEmpty()) {
                continue; // "h=from::to": an empty name selects nothing, not a header line without a colon
            }
            for (int i = header.size() - 1; i >= 0; i--) {
                if (!used[i] && header.get(i).is(name)) {
                    used[i] = true;
                    selected.add(header.get(i));
                    break;
                }
            }
        }
        return selected;
    }

    /** The field with the value of its {@code b=} tag removed, every other octet kept (§3.5). */
    public static String withoutB(HeaderField signature) {
        TagList.Tag b = TagList.parse(signature.value()).tag("b");
        int offset = signature.raw().indexOf(':') + 1;
        return signature.raw().substring(0, offset + b.start()) + signature.raw().substring(offset + b.end());
    }
}
