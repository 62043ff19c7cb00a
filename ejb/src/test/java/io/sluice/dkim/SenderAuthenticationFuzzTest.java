package io.sluice.dkim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sluice.arc.ArcResult;
import io.sluice.arc.ArcVerifier;
import io.sluice.dmarc.DmarcRecord;
import io.sluice.dmarc.OrganizationalDomain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parsers of untrusted text in DKIM, DMARC and ARC: a tag list, a DKIM-Signature field, a key
 * record and a DMARC record are either refused with their own exception or read into something
 * consistent; the author's domain is a plain domain or none; and verifying any message's DKIM
 * signatures and ARC chain gives results, never an exception but an I/O one.
 *
 * <p>tagLists input: the text of a tag list / signature / key record / DMARC record / From value
 * (ISO-8859-1).
 * <p>messages input: a whole message; its key records come from a DNS that answers every name with
 * a fixed Ed25519 key.
 */
class SenderAuthenticationFuzzTest {

    private static final TxtRecords DNS = name -> List.of("v=DKIM1; k=ed25519; p=" + Keys.RFC8463_PUBLIC);

    @BeforeAll
    static void warmUp() throws IOException {
        // class loading (the Public Suffix List, the key factories, the signature providers) is no
        // input's fault: keep it out of the 1 s per input
        OrganizationalDomain.of("a.example.co.uk");
        new DkimVerifier(DNS, DkimVerifierTest.NOW).verify(DkimVerifierTest.class.getResourceAsStream("rfc8463-signed.eml"));
        new ArcVerifier(DNS).verify(new ByteArrayInputStream(new byte[0]));
        try {
            DmarcRecord.parse("v=DMARC1; p=none");
            KeyRecord.parse(Keys.RFC8463_RSA_RECORD);
        } catch (DmarcRecord.Invalid | KeyRecord.Invalid e) {
            throw new AssertionError(e);
        }
    }

    @Timeout(1)
    @FuzzTest
    void tagLists(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        try {
            TagList tags = TagList.parse(text);
            for (var e : tags.all().entrySet()) {
                TagList.Tag t = e.getValue();
                assertEquals(t.value(), text.substring(t.start(), t.end()), e.getKey());
                assertFalse(t.value().contains(";"));
            }
        } catch (TagList.SyntaxException e) {
            // refused: fine
        }
        try {
            DkimSignature s = DkimSignature.parse(new HeaderField("DKIM-Signature", "DKIM-Signature:" + text));
            assertNotNull(s.algorithm());
            assertTrue(s.signedHeaders().contains("from"));
            assertTrue(s.identity().contains("@"));
            String without = HeaderHash.withoutB(s.field());
            assertTrue(TagList.parse(without.substring(without.indexOf(':') + 1)).get("b").isEmpty());
        } catch (DkimSignature.Invalid e) {
            assertNotNull(e.result().status());
        }
        try {
            KeyRecord k = KeyRecord.parse(text);
            assertTrue(k.revoked() || k.key() != null);
        } catch (KeyRecord.Invalid e) {
            // refused: fine
        }
        try {
            DmarcRecord d = DmarcRecord.parse(text);
            assertNotNull(d.policy());
            assertNotNull(d.subdomainPolicy());
            assertTrue(d.percent() >= 0 && d.percent() <= 100);
        } catch (DmarcRecord.Invalid e) {
            // refused: fine
        }
        String domain = FromDomain.ofValue(text);
        if (domain != null) {
            assertFalse(domain.isEmpty() || domain.contains("@") || domain.contains(" "), domain);
            assertNotNull(OrganizationalDomain.of(domain));
        }
    }

    @Timeout(1)
    @FuzzTest
    void messages(byte[] input) throws IOException {
        List<DkimResult> results = new DkimVerifier(DNS, DkimVerifierTest.NOW).verify(new ByteArrayInputStream(input));
        assertTrue(results.size() <= DkimVerifier.MAX_SIGNATURES + 1);
        for (DkimResult r : results) {
            assertNotNull(r.status());
            assertNotNull(r.reason());
        }
        ArcResult arc = new ArcVerifier(DNS).verify(new ByteArrayInputStream(input));
        assertTrue(arc.instances() >= 0 && arc.instances() <= 50);
        assertNotNull(arc.reason());
    }
}
