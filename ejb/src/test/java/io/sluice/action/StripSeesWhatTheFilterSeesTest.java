package io.sluice.action;

import io.sluice.config.ScanLimits;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.CompiledRule;
import io.sluice.policy.FilterSpec;
import io.sluice.policy.FilterType;
import io.sluice.policy.RuleSpec;
import io.sluice.scan.Analysis;
import io.sluice.scan.MessageAnalyzer;
import io.sluice.scan.Messages;
import io.sluice.scan.virus.Signatures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: ATTACHMENT_NAME *.exe matched an .exe that STRIP_ATTACHMENT *.exe left in place (in a
 * forwarded message, and wherever the name was RFC 2047- or RFC 2231-encoded). Both now see the
 * parts the one MIME walker finds: every name the filter matches is stripped, in the same order,
 * and nothing else.
 */
class StripSeesWhatTheFilterSeesTest {

    private static final String EXE_BODY = "Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAA\r\n";
    /** In a forwarded message that is itself a named attachment, "tools.eml". */
    private static final String FORWARDED_EXE = "Content-Type: application/octet-stream; name=\"setup.exe\"\r\n"
            + "Content-Disposition: attachment; filename=\"setup.exe\"\r\n" + EXE_BODY;
    /** RFC 2047 in a quoted parameter, as many mail programs write it: "Rechnung äöü.exe". */
    private static final String ENCODED_WORD_EXE = "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: attachment; filename=\"=?UTF-8?B?"
            + Base64.getEncoder().encodeToString("Rechnung äöü.exe".getBytes(StandardCharsets.UTF_8)) + "?=\"\r\n" + EXE_BODY;
    /** RFC 2231: "résumé.exe". */
    private static final String EXTENDED_PARAMETER_EXE = "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.exe\r\n" + EXE_BODY;
    private static final String PDF = "Content-Type: application/pdf; name=\"q3.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"q3.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n";
    private static final String INNER_HEAD = "From: dave@example.net\r\nSubject: just a file\r\nMIME-Version: 1.0\r\n";
    /** A forwarded message that is nothing but an attachment, named in RFC 2231 continuations: "rün.exe". */
    private static final String FORWARDED_FILE = INNER_HEAD + "Content-Type: application/octet-stream; name=\"run.exe\"\r\n"
            + "Content-Disposition: attachment; filename*0*=UTF-8''r%C3%BCn; filename*1=\".exe\"\r\n" + EXE_BODY;
    private static final String TOOLS = "From: carol@example.net\r\nSubject: tools\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n--in\r\nContent-Type: text/plain\r\n\r\nthe tool\r\n"
            + "--in\r\n" + FORWARDED_EXE + "--in--\r\n";
    private static final String MESSAGE = "From: ann@example.org\r\nTo: bob@example.com\r\nSubject: fwd\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"top\"\r\n\r\n"
            + "--top\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee below.\r\n"
            + "--top\r\nContent-Type: message/rfc822; name=\"tools.eml\"\r\nContent-Disposition: attachment; filename=\"tools.eml\"\r\n\r\n"
            + TOOLS
            + "--top\r\nContent-Type: multipart/mixed; boundary=\"n1\"\r\n\r\n"
            + "--n1\r\nContent-Type: multipart/related; boundary=\"n2\"\r\n\r\n"
            + "--n2\r\n" + ENCODED_WORD_EXE + "--n2\r\n" + EXTENDED_PARAMETER_EXE + "--n2--\r\n"
            + "--n1\r\n" + PDF + "--n1--\r\n"
            + "--top\r\nContent-Type: message/rfc822\r\n\r\n" + FORWARDED_FILE
            + "--top--\r\n";

    private static final String NOTICE = "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n"
            + "Content-Disposition: inline\r\n\r\nremoved\r\n";

    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(ScanLimits.DEFAULT, Signatures.builtIn());

    @Test
    void everyNameTheFilterMatchesIsStrippedAndNoOther() throws IOException {
        Analysis before = ANALYZER.analyze(Messages.inMemory(MESSAGE));
        Predicate<String> exe = CompiledRule.fileNameGlob("*.exe");
        List<String> matched = before.names().stream().filter(exe).toList();
        assertEquals(List.of("setup.exe", "Rechnung äöü.exe", "résumé.exe", "rün.exe"), matched);
        assertTrue(attachmentNameExe().matches(Messages.facts(Messages.inMemory(MESSAGE), before)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageRewriter.Rewrite r = new MessageRewriter(List.of("*.exe"), List.of(), name -> "removed\n")
                .rewrite(Messages.inMemory(MESSAGE), out);
        assertEquals(matched, r.stripped());

        // exactly those parts changed, byte for byte; the forwarded messages keep their own header fields
        String rewritten = out.toString(StandardCharsets.ISO_8859_1);
        assertEquals(MESSAGE.replace(FORWARDED_EXE, NOTICE).replace(ENCODED_WORD_EXE, NOTICE)
                .replace(EXTENDED_PARAMETER_EXE, NOTICE).replace(FORWARDED_FILE, INNER_HEAD + NOTICE), rewritten);

        Analysis after = ANALYZER.analyze(Messages.inMemory(rewritten));
        assertEquals(List.of("q3.pdf"), after.names());
        assertFalse(attachmentNameExe().matches(Messages.facts(Messages.inMemory(MESSAGE), after)));
        assertFalse(after.malformed());
    }

    /** The same parts through a spooled file, as a large message is read. */
    @Test
    void aSpooledMessageGivesTheSameParts() throws IOException {
        var file = Messages.inFile(MESSAGE);
        Analysis a = ANALYZER.analyze(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageRewriter.Rewrite r = new MessageRewriter(List.of("exe"), List.of(), name -> "removed\n").rewrite(file, out);
        assertEquals(a.names().stream().filter(CompiledRule.fileNameGlob("exe")).toList(), r.stripped());
        assertEquals(4, r.stripped().size());
    }

    private static CompiledRule attachmentNameExe() {
        return CompiledRule.compile(new RuleSpec("exe", new FilterSpec(FilterType.ATTACHMENT_NAME, null, "*.exe", null, false,
                false), List.of(ActionSpec.addHeader("X-Exe", "yes"))));
    }
}
