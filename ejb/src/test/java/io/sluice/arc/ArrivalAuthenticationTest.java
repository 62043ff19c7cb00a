package io.sluice.arc;

import io.sluice.dkim.Algorithm;
import io.sluice.dkim.Canonicalization;
import io.sluice.dkim.DkimResult;
import io.sluice.dkim.DkimSigner;
import io.sluice.dkim.DkimVerifier;
import io.sluice.dkim.SigningKey;
import io.sluice.dkim.TxtRecords;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DKIM and ARC from one read of the message: both results, and the content read exactly once. */
class ArrivalAuthenticationTest {

    @Test
    void oneReadGivesBothResultsAndTheAuthorsDomain() throws Exception {
        SigningKey dkimKey = SigningKey.generate("example.org", "d1", Algorithm.ED25519_SHA256);
        SigningKey arcKey = SigningKey.generate("relay.example", "a1", Algorithm.RSA_SHA256);
        Map<String, String> records = Map.of(dkimKey.recordName(), dkimKey.txtRecord(), arcKey.recordName(), arcKey.txtRecord());
        TxtRecords dns = name -> records.containsKey(name) ? List.of(records.get(name)) : List.of();
        String message = "From: Alice <alice@example.org>\r\nSubject: both\r\n\r\n" + "body line\r\n".repeat(10_000);
        String signed = new DkimSigner(ArcInteropTest.NOW).sign(stream(message), dkimKey, Canonicalization.SIMPLE,
                Canonicalization.SIMPLE) + message;
        String sealed = new ArcSealer(ArcInteropTest.NOW).seal(stream(signed), arcKey, "relay.example", "dkim=pass", ArcResult.NONE)
                + signed;

        long[] read = {0};
        InputStream counting = new FilterInputStream(stream(sealed)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read[0] += Math.max(0, n);
                return n;
            }
        };
        ArrivalAuthentication a = ArrivalAuthentication.check(counting, new DkimVerifier(dns, ArcInteropTest.NOW), new ArcVerifier(dns));
        assertEquals(DkimResult.Status.PASS, a.dkim().get(0).status());
        assertEquals(1, a.dkim().size());
        assertEquals(new ArcResult(ArcResult.Status.PASS, 1, "chain of 1 verified", "relay.example"), a.arc());
        assertEquals("example.org", a.fromDomain());
        assertEquals(sealed.length(), read[0]);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
