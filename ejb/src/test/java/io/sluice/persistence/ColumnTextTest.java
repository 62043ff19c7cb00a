package io.sluice.persistence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ColumnTextTest {

    @Test
    void controlCharactersAreReplacedAndATabBecomesASpace() {
        assertEquals("a\ufffdb\ufffdc\ufffdd\ufffde f", ColumnText.of("a\u0000b\u001bc\u007fd\u0085e\tf", 100));
    }

    @Test
    void fitTextIsReturnedAsItIsAndNullStaysNull() {
        String s = "Grüße 😀 from client.example";
        assertSame(s, ColumnText.of(s, 100));
        assertNull(ColumnText.of(null, 10));
    }

    @Test
    void cutToTheColumnWithoutSplittingASurrogatePair() {
        assertEquals("abc", ColumnText.of("abcdef", 3));
        assertEquals("ab", ColumnText.of("ab😀", 3)); // the pair would need characters 3 and 4
        assertEquals("ab😀", ColumnText.of("ab😀c", 4));
    }

    @Test
    void unpairedSurrogatesAreReplaced() {
        assertEquals("a\ufffdb\ufffd", ColumnText.of("a\ud83db\ude00", 10));
    }

    @Test
    void joinedLeavesOutWholeItemsRatherThanCuttingOne() {
        assertEquals("aaa,bbb", ColumnText.joined(List.of("aaa", "bbb", "ccc"), 10));
        assertEquals("aaa,bbb,ccc", ColumnText.joined(List.of("aaa", "bbb", "ccc"), 11));
        assertEquals("aaaaa", ColumnText.joined(List.of("aaaaaaa", "b"), 5));
        assertEquals("", ColumnText.joined(List.of(), 5));
    }
}
