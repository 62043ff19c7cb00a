package io.sluice.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each way of spelling one mailbox, and the one canonical form it must come to. */
class CanonicalAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // spelling                                  | canonical
            "ceo@corp.example                            | ceo@corp.example",
            // case
            "CEO@CORP.Example                            | ceo@corp.example",
            // trailing (root) dot
            "ceo@corp.example.                           | ceo@corp.example",
            // U-label and A-label, in any case
            "ceo@bücher.example                          | ceo@xn--bcher-kva.example",
            "ceo@BÜCHER.example                          | ceo@xn--bcher-kva.example",
            "ceo@XN--BCHER-KVA.example                   | ceo@xn--bcher-kva.example",
            "ceo@bu\u0308cher.example                    | ceo@xn--bcher-kva.example",
            // NFKC width variants: fullwidth letters, fullwidth and ideographic full stops
            "ceo@ｅｘａｍｐｌｅ．ｃｏｍ                    | ceo@example.com",
            "ceo@example。com                            | ceo@example.com",
            "ceo@example｡com                             | ceo@example.com",
            "ceo@ｂüｃｈｅｒ．example．                   | ceo@xn--bcher-kva.example",
            // quoted local parts that name a dot-string mailbox
            "\"ceo\"@corp.example                        | ceo@corp.example",
            "\"CEO\"@CORP.example                        | ceo@corp.example",
            "\"c\\eo\"@corp.example                      | ceo@corp.example",
            "\"first.last\"@corp.example                 | first.last@corp.example",
            "\"\\f\\i\\r\\s\\t\"@corp.example            | first@corp.example",
            // ... and those that need their quotes: one form, only \" and \\ escaped
            "\"John Smith\"@corp.example                 | \"john smith\"@corp.example",
            "\"John\\ Smith\"@corp.example               | \"john smith\"@corp.example",
            "\"a..b\"@corp.example                       | \"a..b\"@corp.example",
            "\".ceo\"@corp.example                       | \".ceo\"@corp.example",
            "\"a\\\"b\"@corp.example                     | \"a\\\"b\"@corp.example",
            "\"a\\\\b\"@corp.example                     | \"a\\\\b\"@corp.example",
            "\"a@b\"@corp.example                        | \"a@b\"@corp.example",
            "\"\"@corp.example                           | \"\"@corp.example",
            // UTF-8 local parts (SMTPUTF8): NFC, lower case
            "Jörg@corp.example                           | jörg@corp.example",
            "Jo\u0308rg@corp.example                     | jörg@corp.example",
            // address literals
            "ceo@[192.0.2.1]                             | ceo@[192.0.2.1]",
            "ceo@[192.000.002.001]                       | ceo@[192.0.2.1]",
            "ceo@[IPv6:2001:DB8:0:0:0:0:0:1]             | ceo@[ipv6:2001:db8::1]",
            "ceo@[ipv6:2001:0db8::0001]                  | ceo@[ipv6:2001:db8::1]",
            "ceo@[IPv6:2001:db8:0:0:1:0:0:1]             | ceo@[ipv6:2001:db8::1:0:0:1]",
            "ceo@[IPv6:2001:db8:0:1:1:1:1:1]             | ceo@[ipv6:2001:db8:0:1:1:1:1:1]",
            "ceo@[IPv6:::1]                              | ceo@[ipv6:::1]",
            "ceo@[IPv6:::ffff:192.0.2.1]                 | ceo@[192.0.2.1]",
            "ceo@[IPv6:::FFFF:C000:0201]                 | ceo@[192.0.2.1]",
            "ceo@[IPv6:::192.0.2.1]                      | ceo@[ipv6:::c000:201]",
            "ceo@[X-Tag:Some-Thing]                      | ceo@[x-tag:some-thing]",
    })
    void everySpellingComesToOneForm(String spelling, String canonical) {
        assertEquals(canonical, CanonicalAddress.mailbox(spelling));
        assertEquals(canonical, CanonicalAddress.mailbox(canonical), "the canonical form is its own");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Example.COM                | example.com",
            "example.com.               | example.com",
            "bücher.example             | xn--bcher-kva.example",
            "ｅｘａｍｐｌｅ．ｃｏｍ      | example.com",
            "ℌ.example                  | h.example",
    })
    void domains(String spelling, String canonical) {
        assertEquals(canonical, CanonicalAddress.domain(spelling));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ceo",
            "@corp.example",
            "ceo@",
            "ceo@corp..example",
            "ceo@corp.example..",
            "ceo@-corp.example",
            "ceo@corp_x.example",
            "ceo@corp example",
            "c eo@corp.example",
            "ceo.@corp.example",
            "\"ceo@corp.example",
            "\"c\"eo\"@corp.example",
            "ceo@[192.0.2.256]",
            "ceo@[IPv6:2001:db8::1::1]",
            "ceo@[IPv6:1234]",
            "ceo@[IPv6:192.0.2.1]",
            "ceo@[192.0.2.1",
            "ceo＠corp.example",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@corp.example",
    })
    void whatHasNoCanonicalFormIsRefusedWithAReason(String spelling) {
        assertThrows(IllegalArgumentException.class, () -> CanonicalAddress.mailbox(spelling));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "00000000000000000000000000000000 | ::",
            "00000000000000000000000000000001 | ::1",
            "00010000000000000000000000000000 | 1::",
            "20010db8000000010000000000000001 | 2001:db8:0:1::1",
            "20010db8000000000001000000000001 | 2001:db8::1:0:0:1",
            "20010db8000100010001000100010001 | 2001:db8:1:1:1:1:1:1",
            "20010db8000000000000000100000000 | 2001:db8::1:0:0",
    })
    void ipv6IsWrittenAsRfc5952Says(String hex, String text) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertEquals(text, CanonicalAddress.rfc5952(b));
    }
}
