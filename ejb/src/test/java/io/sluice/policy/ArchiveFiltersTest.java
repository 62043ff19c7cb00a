package io.sluice.policy;

import io.sluice.scan.Analysis;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.scan.ScanLimits;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The filters that look into archives, on what the analysis found in real archives. */
class ArchiveFiltersTest {

    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    /** A zip whose first entry carries the encryption flag in both its headers. */
    static byte[] zipWithEncryptedFirst(String encrypted, String plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : new String[] {encrypted, plain}) {
                z.putNextEntry(new ZipEntry(name));
                z.write("content".getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        byte[] zip = out.toByteArray();
        zip[6] |= 1; // local header: general purpose flag, bit 0 = encrypted
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1; // the first central directory record: the same flag
                return zip;
            }
        }
        throw new AssertionError("no central directory");
    }

    private static MessageFacts facts(byte[] zip) throws IOException {
        var content = Messages.inMemory(Messages.withAttachment("files.zip", "application/zip", zip));
        Analysis a = ANALYZER.analyze(content);
        MessageFacts headers = Messages.facts(content);
        return new MessageFacts() {
            public long size() {
                return headers.size();
            }

            public String clientAddress() {
                return headers.clientAddress();
            }

            public boolean authenticated() {
                return false;
            }

            public List<String> headerValues(String name) {
                return headers.headerValues(name);
            }

            public String subject() {
                return headers.subject();
            }

            public List<String> attachmentNames() {
                return a.names();
            }

            public String unscannable() {
                return a.unscannable();
            }

            public boolean encryptedArchive() {
                return a.encryptedArchive();
            }
        };
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
