package io.sluice.arc;

import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimSignature;
import io.sluice.dkim.HeaderField;
import io.sluice.dkim.HeaderHash;
import io.sluice.dkim.TagList;

import java.util.List;
import java.util.Locale;

/**
 * Whether the gateway's changes to a message break a signature that verified when it arrived: a
 * DKIM signature with the result pass, or the newest ARC-Message-Signature of a chain that passed.
 * That is when the mail server can no longer see for itself what the gateway saw, and an ARC set
 * (RFC 8617) is worth adding.
 *
 * <p>Rather than guess from the kind of change (a subject tag, a header edit, a disclaimer, a
 * stripped attachment), it compares what each such signature covers in the copy that leaves with
 * what it covered on arrival, as a verifier would select it (RFC 6376 §5.4.2: each name of
 * {@code h=} from the bottom of the header up, in the signature's own header canonicalisation):
 * <ul>
 * <li>a changed body breaks every signature (a disclaimer or a stripped attachment; {@code l=}
 * is not trusted to leave room for what the gateway appended, the MIME structure changes too);</li>
 * <li>a header edit breaks a signature when it changes, removes or adds an instance of a field the
 * signature names (a tagged Subject, a removed forged verdict field that was signed);</li>
 * <li>the gateway's own fields on top (Received, Authentication-Results, verdicts) break one only
 * when it names such a field more often than it occurred (over-signing), since selection is from
 * the bottom;</li>
 * <li>and the signature field itself must leave unchanged.</li>
 * </ul>
 * Signatures that did not pass on arrival are left out: the mail server sees the same failure, so
 * there is nothing a seal could vouch for that it cannot see itself.
 */
public final class BrokenSignatures {

    private BrokenSignatures() {
    }

    /**
     * @param arrived     the header as it arrived
     * @param dkim        the DKIM results of arrival, one per DKIM-Signature field of {@code arrived}, top first
     * @param chain       the arrived ARC chain's validation
     * @param delivered   the header of the copy that leaves
     * @param bodyChanged whether the body that leaves differs from the one that arrived
     */
    public static boolean any(List<HeaderField> arrived, List<DkimResult> dkim, ArcResult chain, List<HeaderField> delivered,
                              boolean bodyChanged) {
        int n = 0;
        for (HeaderField f : arrived) {
            if (!f.is(DkimSignature.FIELD)) {
                continue;
            }
            int index = n++;
            if (index >= dkim.size() || dkim.get(index).status() != DkimResult.Status.PASS) {
                continue;
            }
            DkimSignature s;
            try {
                s = DkimSignature.parse(f);
            } catch (DkimSignature.Invalid e) {
                continue; // cannot happen for a signature that passed
            }
            if (bodyChanged || changed(f, s.signedHeaders(), s.headerCanon(), arrived, delivered)) {
                return true;
            }
        }
        if (chain.status() == ArcResult.Status.PASS) {
            HeaderField ams = newestMessageSignature(arrived, chain.instances());
            return ams != null && (bodyChanged || changed(ams, signedNames(ams), canonicalization(ams), arrived, delivered));
        }
        return false;
    }

    /** Whether the fields {@code names} selects, or the signature field itself, differ between the two headers. */
    private static boolean changed(HeaderField signature, List<String> names, Canonicalization c, List<HeaderField> arrived,
                                   List<HeaderField> delivered) {
        if (!delivered.contains(signature)) {
            return true;
        }
        List<HeaderField> before = HeaderHash.select(arrived, names);
        List<HeaderField> after = HeaderHash.select(delivered, names);
        if (before.size() != after.size()) {
            return true;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!c.header(before.get(i).raw()).equals(c.header(after.get(i).raw()))) {
                return true;
            }
        }
        return false;
    }

    private static HeaderField newestMessageSignature(List<HeaderField> header, int instance) {
        for (HeaderField f : header) {
            if (f.is(ArcChain.AMS) && ArcChain.instance(f) == instance) {
                return f;
            }
        }
        return null;
    }

    private static List<String> signedNames(HeaderField ams) {
        String h = TagList.parse(ams.value()).get("h");
        return h == null ? List.of() : List.of(TagList.compact(h).toLowerCase(Locale.ROOT).split(":"));
    }

    /** The header canonicalisation of an ARC-Message-Signature, as {@link ArcVerifier} reads it. */
    private static Canonicalization canonicalization(HeaderField ams) {
        String c = TagList.parse(ams.value()).get("c");
        return Canonicalization.of((c == null ? "simple" : c).split("/", -1)[0]);
    }
}
