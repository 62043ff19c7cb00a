package io.sluice.policy;

import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.config.ScanLimits;
import io.sluice.scan.ZipBuilder;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The filters that look into archives, on what the analysis found in real archives. */
class ArchiveFiltersTest {

    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    /** A zip whose first entry carries the encryption flag in both its headers. */
    static byte[] zipWithEncryptedFirst(String encrypted, String plain) {
        return new ZipBuilder().encrypted(encrypted, new byte[7]).add(plain, "content").build();
    }

    private static MessageFacts facts(byte[] zip) throws IOException {
        var content = Messages.inMemory(Messages.withAttachment("files.zip", "application/zip", zip));
        return Messages.facts(content, ANALYZER.analyze(content));
    }

    private static boolean matches(FilterSpec filter, MessageFacts facts) {
        return CompiledRule.compile(new RuleSpec("r", filter, List.of())).matches(facts);
    }

    private static FilterSpec filter(FilterType type, String pattern) {
        return new FilterSpec(type, null, pattern, null, false, false);
    }

    @Test
    void encryptedArchiveMatchesAnEncryptedEntryAndNothingElse() throws IOException {
        assertEquals(true, matches(filter(FilterType.ENCRYPTED_ARCHIVE, null),
                facts(zipWithEncryptedFirst("secret.pdf", "notes.txt"))));
        assertEquals(false, matches(filter(FilterType.ENCRYPTED_ARCHIVE, null),
                facts(Messages.zip("notes.txt", new byte[10]))));
    }

    @Test
    void attachmentNameSeesTheNameOfAnEncryptedEntry() throws IOException {
        MessageFacts f = facts(zipWithEncryptedFirst("payload.exe", "notes.txt"));
        assertEquals(true, matches(filter(FilterType.ATTACHMENT_NAME, "exe"), f));
        assertEquals(false, matches(filter(FilterType.UNSCANNABLE, null), f));
    }
}
