package io.sluice.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.0/24,    192.0.2.77,    true",
            "192.0.2.0/24,    192.0.3.1,     false",
            "10.0.0.0/8,      10.255.1.1,    true",
            "192.0.2.128/25,  192.0.2.127,   false",
            "192.0.2.128/25,  192.0.2.200,   true",
            "198.51.100.7,    198.51.100.7,  true",
            "198.51.100.7,    198.51.100.8,  false",
            "0.0.0.0/0,       203.0.113.9,   true",
            "2001:db8::/32,   2001:db8:1::5, true",
            "2001:db8::/32,   2001:db9::5,   false",
            "192.0.2.0/24,    2001:db8::1,   false",
            "::1,             ::1,           true",
            "10.0.0.0/8,      10.1,          false",
            "0.0.0.0/0,       deadbeef,      false",
            "0.0.0.0/0,       localhost,     false",
    })
    void containment(String cidr, String address, boolean expected) {
        assertEquals(expected, Cidr.parse(cidr).contains(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/x", "10.0.0.0/-1",
            "deadbeef", "cafe.bad/16", "10.1/8", "256.1.1.1", "01.2.3.4"})
    void nonsenseIsRefused(String text) {
        // names included: "deadbeef" and "cafe.bad" were looked up in DNS, stalling the request
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void anyOfSeveralBlocksHoldsTheAddressOrNone() {
        List<Cidr> blocks = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32"), Cidr.parse("192.0.2.7"));
        assertEquals(true, Cidr.anyContains(blocks, "2001:db8::9"));
        assertEquals(true, Cidr.anyContains(blocks, "192.0.2.7"));
        assertEquals(false, Cidr.anyContains(blocks, "192.0.2.8"));
        assertEquals(false, Cidr.anyContains(blocks, "deadbeef"));
        assertEquals(false, Cidr.anyContains(List.of(), "10.1.1.1"));
    }
}
