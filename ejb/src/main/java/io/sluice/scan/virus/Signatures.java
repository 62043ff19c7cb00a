package io.sluice.scan.virus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded engine's signatures, compiled and immutable: hash signatures (MD5, SHA-1, SHA-256
 * of a whole part or archive member, with its size) and body signatures indexed by how they
 * start, plus the EICAR test file, which is always known.
 */
public final class Signatures {

    /** The EICAR anti-virus test file (eicar.org): 68 octets, at the start of a file. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    public static final String EICAR_NAME = "Eicar-Test-Signature";

    /** Hash signatures: "hex digest" or "hex digest:size" to name. */
    final Map<String, String> md5 = new HashMap<>();
    final Map<String, String> sha1 = new HashMap<>();
    final Map<String, String> sha256 = new HashMap<>();
    final List<BodySignature> body = new ArrayList<>();
    /** Body signatures by their first two exact bytes, by their first exact byte, and the rest. */
    final List<BodySignature>[] byTwo;
    final List<BodySignature>[] byOne;
    final List<BodySignature> anyStart = new ArrayList<>();
    /** Whether a signature of {@link #byTwo} or {@link #byOne} starts with this octet. */
    final boolean[] mayStart = new boolean[256];
    final int maxSpan;
    /**
     * The last stream offset any body signature can start at (each has a fixed offset), or
     * {@link Long#MAX_VALUE} when one may start anywhere. With EICAR alone (offset 0), a part's
     * other octets need no look at all.
     */
    final long lastStart;
    private final String description;

    @SuppressWarnings("unchecked")
    Signatures(List<BodySignature> bodies, Map<String, String> md5, Map<String, String> sha1,
               Map<String, String> sha256, String description) {
        this.md5.putAll(md5);
        this.sha1.putAll(sha1);
        this.sha256.putAll(sha256);
        this.body.add(BodySignature.literal(EICAR_NAME, 0, EICAR.getBytes(StandardCharsets.US_ASCII)));
        this.body.addAll(bodies);
        this.byTwo = new List[65536];
        this.byOne = new List[256];
        int span = 0;
        long last = 0;
        for (BodySignature s : body) {
            span = Math.max(span, s.maxSpan);
            long start = s.offset < 0 || s.shift < 0 || s.offset + s.shift < 0 ? Long.MAX_VALUE : s.offset + s.shift;
            last = Math.max(last, start);
            int two = s.firstTwo();
            int one = s.firstOne();
            if (two >= 0) {
                (byTwo[two] == null ? byTwo[two] = new ArrayList<>() : byTwo[two]).add(s);
                mayStart[two >> 8] = true;
            } else if (one >= 0) {
                (byOne[one] == null ? byOne[one] = new ArrayList<>() : byOne[one]).add(s);
                mayStart[one] = true;
            } else {
                anyStart.add(s);
            }
        }
        this.maxSpan = span;
        this.lastStart = last;
        this.description = description;
    }

    /** Only the built-in EICAR signature. */
    public static Signatures builtIn() {
        return new Signatures(List.of(), Map.of(), Map.of(), Map.of(), "built-in EICAR only");
    }

    /** A new scan of one part or archive member. */
    public LeafScan scan() {
        return new LeafScan(this);
    }

    public int bodyCount() {
        return body.size();
    }

    public int hashCount() {
        return md5.size() + sha1.size() + sha256.size();
    }

    @Override
    public String toString() {
        return description;
    }
}
