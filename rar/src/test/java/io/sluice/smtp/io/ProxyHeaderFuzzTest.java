package io.sluice.smtp.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROXY protocol headers, v1 and v2, from a trusted load balancer: a parse either refuses
 * ({@link ProxyHeader.Invalid}, or {@link EOFException} when the connection ends inside the header)
 * or yields a numeric IPv4 or IPv6 address in its canonical form and a port, or none at all (LOCAL,
 * UNKNOWN). No name is ever looked up.
 */
class ProxyHeaderFuzzTest {

    private static final String IPV4 = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";
    private static final String IPV6 = "[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}"; // as getHostAddress writes it

    @Timeout(1) // seconds per input, replayed or fuzzed
    @FuzzTest
    void proxyHeader(byte[] input) throws IOException {
        ProxyHeader header;
        try {
            header = ProxyHeader.read(new SmtpInput(new ByteArrayInputStream(input), 16 * 1024));
        } catch (ProxyHeader.Invalid | EOFException e) {
            return;
        }
        if (header.sourceAddress() == null) {
            assertEquals(0, header.sourcePort());
            return;
        }
        String a = header.sourceAddress();
        assertTrue(a.matches(IPV4) || a.matches(IPV6), a);
        assertTrue(header.sourcePort() >= 0 && header.sourcePort() <= 65535);
    }
}
